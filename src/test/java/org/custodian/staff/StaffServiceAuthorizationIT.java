package org.custodian.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.custodian.analytics.Metric;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditQuery;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.custodian.privacy.SystemAccess;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Staff accounts, credentials and the audit log's events are authorized at their services, whoever calls them
 * (a page, another module, the CLI), not only at the controllers: HIPAA 45 CFR 164.308(a)(4)(ii)(C) (access
 * establishment and modification by those charged with it) and 164.308(a)(1)(ii)(D) (activity review).
 */
@CustodianTest
class StaffServiceAuthorizationIT {

    @Autowired StaffDirectory staff;
    @Autowired ContinuingEducation education;
    @Autowired CredentialFigures figures;
    @Autowired AuditLog auditLog;
    @Autowired StaffAccounts accounts;
    @Autowired List<Metric> metrics;

    private static NewStaffMember someone() {
        return new NewStaffMember("authz-" + UUID.randomUUID().toString().substring(0, 8), "Avery Authz",
                StaffAccounts.PASSWORD, Set.of(Role.CODER));
    }

    @Test
    void aCallerWithNoPrincipalAtAllIsRefused() {
        SecurityContextHolder.clearContext();
        assertThatThrownBy(() -> staff.all()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> staff.create(someone())).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> education.team()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> figures.needingAttention()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> auditLog.find(new AuditQuery(null, null, null, null, 0, 10)))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void aRoleWithoutThePermissionIsRefusedAtTheService() {
        String other = accounts.of(Role.HIM_ANALYST);
        accounts.runAs(Role.CODER, () -> {
            assertThatThrownBy(() -> staff.all()).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> staff.find(other)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> staff.create(someone())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> staff.setEnabled(other, false)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> staff.unlock(other)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> education.team()).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> education.exportCsv()).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> education.credentials(other)).as("another member's credentials")
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> education.activities(other)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> figures.needingAttention()).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> auditLog.find(new AuditQuery(null, null, null, null, 0, 10)))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> auditLog.count(new AuditQuery(null, null, null, null, 0, 10)))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> auditLog.after(0, 1)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> auditLog.event(1)).isInstanceOf(AccessDeniedException.class);
        });
    }

    @Test
    void aMemberReadsTheirOwnCredentialsAndAReviewerAnyones() {
        String coder = accounts.of(Role.CODER);
        accounts.runAs(Role.CODER, () -> {
            assertThat(education.credentials(coder)).isNotNull();
            assertThat(education.progress(coder)).isNotNull();
            assertThat(education.domains()).isNotEmpty();
        });
        accounts.runAs(Role.HIM_DIRECTOR, () -> {
            assertThat(education.credentials(coder)).isNotNull();
            assertThat(education.team()).isNotNull();
            assertThat(figures.needingAttention()).allMatch(TeamMemberStatus::needsAttention);
            // Unlocking is the director's; managing accounts is not.
            assertThat(staff.unlock(coder).username()).isEqualTo(coder);
            assertThatThrownBy(() -> staff.create(someone())).isInstanceOf(AccessDeniedException.class);
        });
    }

    @Test
    void theAuditorAndThePrivacyOfficerReadTheLog() {
        for (Role role : List.of(Role.AUDITOR, Role.PRIVACY_OFFICER)) {
            accounts.runAs(role, () -> assertThat(auditLog.count(new AuditQuery(null, null, null, null, 0, 10))).isPositive());
        }
    }

    @Test
    void theAdministratorManagesAccounts() {
        accounts.runAs(Role.ADMIN, () -> {
            StaffMember created = staff.create(someone());
            assertThat(staff.find(created.username())).isPresent();
            assertThat(staff.setEnabled(created.username(), false).enabled()).isFalse();
        });
    }

    /** The dashboard's credentials metric runs as the system: its gauge computes it with no one signed in. */
    @Test
    void theCredentialsMetricComputesWithNoOneSignedInAndTheCallersContextIsRestored() {
        Metric due = metrics.stream().filter(m -> m.id().equals("credentials-due")).findFirst().orElseThrow();
        SecurityContextHolder.clearContext();
        assertThat(due.value(null)).isNotNull();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
        assertThat(SystemAccess.call("system:test", EnumSet.of(Permission.CREDENTIALS_REVIEW), figures::needingAttention))
                .isNotNull();
    }
}
