package org.custodian.privacy.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;

/**
 * Refusals are audited like any other attempt on patient data: a request without valid
 * credentials (401) and a request beyond the user's permissions (403) both leave an event.
 */
@Component
class AuditingAccessHandlers {

    /** The one answer to every failed sign-in, whatever the cause: it tells no one which usernames exist. */
    static final String SIGN_IN_FAILED = "Sign-in failed or required: send the HTTP Basic credentials of an enabled staff account.";

    private final AuditTrail audit;
    private final RepeatedRefusals refusals;

    AuditingAccessHandlers(AuditTrail audit, RepeatedRefusals refusals) {
        this.audit = audit;
        this.refusals = refusals;
    }

    /**
     * 401 for a request without valid credentials. A browser gets no {@code WWW-Authenticate: Basic}
     * challenge: its password prompt would cache the credentials and send them again with any
     * cross-site form (issue 22, finding 4). Clients that are not browsers still get the challenge.
     */
    AuthenticationEntryPoint apiEntryPoint() {
        return (request, response, exception) -> {
            refusals.refused(request.getRemoteAddr(), target(request), "not authenticated");
            if (!isBrowser(request)) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"Custodian\"");
            }
            problem(response, HttpStatus.UNAUTHORIZED, SIGN_IN_FAILED);
        };
    }

    /** A browser says so with its fetch metadata (Sec-Fetch-*) or its user agent. */
    static boolean isBrowser(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        return request.getHeader("Sec-Fetch-Mode") != null || request.getHeader("Sec-Fetch-Site") != null
                || (agent != null && agent.startsWith("Mozilla/"));
    }

    void audited(HttpServletRequest request, String reason) {
        refusals.refused(request.getRemoteAddr(), target(request), reason);
    }

    /** An anonymous refusal (throttled sign-in, cross-site request): audited, bounded per address. */
    void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String reason, String detail)
            throws IOException {
        refusals.refused(request.getRemoteAddr(), target(request), reason);
        problem(response, status, detail);
    }

    /** A refusal of a named account whose credentials were right but may not be used so: audited as that account. */
    void refuseAccount(HttpServletRequest request, HttpServletResponse response, org.springframework.security.core.Authentication who,
                       HttpStatus status, String reason, String detail) throws IOException {
        audit.recordAs(who, who.getName(), AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, "Endpoint", target(request), reason);
        problem(response, status, detail);
    }

    AccessDeniedHandler apiAccessDenied() {
        return (request, response, exception) -> {
            auditDenied(request);
            problem(response, HttpStatus.FORBIDDEN, "Your roles do not grant the permission this request needs.");
        };
    }

    /**
     * The UI's refusal: the error page with status 403, through the container's error dispatch so
     * that the page knows its status. (A form posted without any session — its CSRF token died with
     * the session — does not come here: Spring Security sends it to the invalid-session URL,
     * /login?expired.)
     */
    AccessDeniedHandler uiAccessDenied() {
        return (request, response, exception) -> {
            if (exception instanceof CsrfException) {
                audit.record(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, null, "Endpoint", target(request),
                        "CSRF token missing or invalid");
            } else {
                auditDenied(request);
            }
            if (!response.isCommitted()) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
            }
        };
    }

    private void auditDenied(HttpServletRequest request) {
        audit.record(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, null, "Endpoint", target(request), "permission missing");
    }

    private static String target(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return request.getMethod() + " " + (uri.length() > 200 ? uri.substring(0, 200) : uri);
    }

    static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}");
    }
}
