package org.custodian.support;

import java.util.EnumSet;
import org.custodian.Actor;
import org.custodian.privacy.Permission;
import org.custodian.privacy.SystemAccess;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * The principal a full-stack test's own set-up runs as: the system actor with every permission, as
 * the demo hospital's load does. The modules' services check permissions whoever calls, so a test
 * that registers its patients and records its encounters directly needs a principal, as production
 * work no person started does ({@link SystemAccess}). Behaviour under a role runs in
 * {@link StaffAccounts#runAs}; a test of refusal without any principal clears the context first.
 */
public class FixturePrincipal implements TestExecutionListener {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        SecurityContextHolder.getContext().setAuthentication(
                SystemAccess.authentication(Actor.SYSTEM, EnumSet.allOf(Permission.class)));
    }

    @Override
    public void afterTestMethod(TestContext testContext) {
        SecurityContextHolder.clearContext();
    }
}
