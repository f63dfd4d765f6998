package org.custodian.privacy;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * A user whose password was right and who still owes the second factor ({@link SecondFactor}): no
 * authority at all, so no permission check passes, and the UI lets them open only the second-factor
 * pages. The staff module replaces it with {@link #passwordAuthentication()} once the code is right.
 */
public final class PendingSecondFactor extends AbstractAuthenticationToken {

    private final Authentication passwordAuthentication;
    private final SecondFactor.Step step;

    public PendingSecondFactor(Authentication passwordAuthentication, SecondFactor.Step step) {
        super(List.of());
        this.passwordAuthentication = passwordAuthentication;
        this.step = step;
        setDetails(passwordAuthentication.getDetails());
        setAuthenticated(true);
    }

    /** The sign-in the password gave, with the account's permissions: the session's once the second factor passes. */
    public Authentication passwordAuthentication() {
        return passwordAuthentication;
    }

    public SecondFactor.Step step() {
        return step;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return passwordAuthentication.getPrincipal();
    }

    @Override
    public String getName() {
        return passwordAuthentication.getName();
    }
}
