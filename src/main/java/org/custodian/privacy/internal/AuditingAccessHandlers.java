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

    private final AuditTrail audit;

    AuditingAccessHandlers(AuditTrail audit) {
        this.audit = audit;
    }

    AuthenticationEntryPoint apiEntryPoint() {
        return (request, response, exception) -> {
            audit.recordAs(null, "anonymous", AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, "Endpoint",
                    target(request), "not authenticated");
            response.setHeader("WWW-Authenticate", "Basic realm=\"Custodian\"");
            problem(response, HttpStatus.UNAUTHORIZED, "Sign-in required: send HTTP Basic credentials of a staff account.");
        };
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

    private static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}");
    }
}
