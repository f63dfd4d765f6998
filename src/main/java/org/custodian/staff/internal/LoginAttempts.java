package org.custodian.staff.internal;

import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Every sign-in, good or bad, and every sign-out goes into the audit log (HIPAA 164.308(a)(5)(ii)(C), log-in
 * monitoring); failures count toward the sign-in throttle of their username and address.
 */
@Component
class LoginAttempts {

    private final JdbcStaffDirectory directory;
    private final JdbcSignInThrottle throttle;
    private final AuditTrail audit;
    private final org.springframework.beans.factory.ObjectProvider<JdbcSecondFactors> secondFactors;

    LoginAttempts(JdbcStaffDirectory directory, JdbcSignInThrottle throttle, AuditTrail audit,
                  org.springframework.beans.factory.ObjectProvider<JdbcSecondFactors> secondFactors) {
        this.directory = directory;
        this.throttle = throttle;
        this.audit = audit;
        this.secondFactors = secondFactors;
    }

    /**
     * A right password on the sign-in form of an account that owes a second factor: half a sign-in. It
     * neither resets the failures of its username and address (so that a known password does not buy
     * endless guesses at the code) nor counts as the sign-in; the code does ({@link SecondFactorController}).
     */
    private boolean secondFactorFollows(String username) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
                || !"/login".equals(attributes.getRequest().getServletPath())) {
            return false;
        }
        return secondFactors.getObject().after(username) != org.custodian.privacy.SecondFactor.Step.NONE;
    }

    /** The second factor passed: the sign-in is complete. */
    void secondFactorPassed(org.springframework.security.core.Authentication auth, String how) {
        String username = auth.getName();
        directory.recordSuccessfulLogin(username);
        throttle.succeeded(username, address(auth));
        audit.recordAs(auth, username, AuditAction.LOGIN, AuditOutcome.SUCCESS, "StaffUser", username,
                "second factor: " + how);
    }

    /** A wrong second-factor code: counted and throttled like a wrong password. */
    void secondFactorFailed(org.springframework.security.core.Authentication auth, String reason) {
        String username = auth.getName();
        directory.recordFailedLogin(username, throttle.failed(username, address(auth)));
        audit.recordAs(null, username, AuditAction.LOGIN_FAILED, AuditOutcome.FAILURE, "StaffUser", username, reason);
    }

    private static String address(org.springframework.security.core.Authentication auth) {
        if (auth.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null) {
            return details.getRemoteAddress();
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return "unknown";
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        String username = event.getAuthentication().getName();
        if (secondFactorFollows(username)) {
            audit.recordAs(event.getAuthentication(), username, AuditAction.LOGIN, AuditOutcome.SUCCESS,
                    "StaffUser", username, "password right; second factor pending");
            return;
        }
        directory.recordSuccessfulLogin(username);
        throttle.succeeded(username, address(event.getAuthentication()));
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
        // Every failure counts, whatever its cause: the throttle is keyed on the username as typed.
        directory.recordFailedLogin(username, throttle.failed(username, address(event.getAuthentication())));
        String reason = event.getException().getClass().getSimpleName().replace("Exception", "");
        audit.recordAs(null, username, AuditAction.LOGIN_FAILED, AuditOutcome.FAILURE, "StaffUser", username, reason);
    }
}
