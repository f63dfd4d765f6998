package org.custodian.staff.internal;

import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Every sign-in, good or bad, and every sign-out goes into the audit log (HIPAA 164.308(a)(5)(ii)(C), log-in
 * monitoring); bad passwords count toward the lockout.
 */
@Component
class LoginAttempts {

    private final JdbcStaffDirectory directory;
    private final AuditTrail audit;

    LoginAttempts(JdbcStaffDirectory directory, AuditTrail audit) {
        this.directory = directory;
        this.audit = audit;
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        String username = event.getAuthentication().getName();
        directory.recordSuccessfulLogin(username);
        audit.recordAs(event.getAuthentication(), username, AuditAction.LOGIN, AuditOutcome.SUCCESS,
                "StaffUser", username, null);
    }

    @EventListener
    void onLogout(LogoutSuccessEvent event) {
        String username = event.getAuthentication().getName();
        audit.recordAs(event.getAuthentication(), username, AuditAction.LOGOUT, AuditOutcome.SUCCESS,
                "StaffUser", username, null);
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        String username = String.valueOf(event.getAuthentication().getName());
        if (event instanceof AuthenticationFailureBadCredentialsEvent) {
            directory.recordFailedLogin(username);
        }
        String reason = event.getException().getClass().getSimpleName().replace("Exception", "");
        audit.recordAs(null, username, AuditAction.LOGIN_FAILED, AuditOutcome.FAILURE, "StaffUser", username, reason);
    }
}
