package org.custodian.privacy.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.custodian.privacy.SignInThrottle;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Asks the {@link SignInThrottle} before any password is checked (HIPAA 45 CFR 164.308(a)(5)(ii)(C)):
 * a throttled attempt is refused with {@code Retry-After}, on the API as 429 and on the sign-in
 * form as the same failed-sign-in message as any other, whether or not the username exists.
 */
class SignInThrottleFilter extends OncePerRequestFilter {

    private final SignInThrottle throttle;
    private final AuditingAccessHandlers handlers;
    private final boolean form;

    /** {@code form}: the UI's sign-in form (POST /login); otherwise HTTP Basic. */
    SignInThrottleFilter(SignInThrottle throttle, AuditingAccessHandlers handlers, boolean form) {
        this.throttle = throttle;
        this.handlers = handlers;
        this.form = form;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = form ? formUsername(request) : basicUsername(request);
        if (username != null) {
            Duration wait = throttle.refusedFor(username, request.getRemoteAddr());
            if (!wait.isZero() && !wait.isNegative()) {
                response.setHeader("Retry-After", String.valueOf(Math.max(1, wait.toSeconds())));
                if (form) {
                    handlers.audited(request, "sign-in throttled");
                    response.sendRedirect(request.getContextPath() + "/login?error");
                } else {
                    handlers.refuse(request, response, HttpStatus.TOO_MANY_REQUESTS, "sign-in throttled",
                            AuditingAccessHandlers.SIGN_IN_FAILED + " Too many failed attempts: wait before trying again.");
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static String formUsername(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || !"/login".equals(request.getServletPath())) {
            return null;
        }
        String username = request.getParameter("username");
        return username == null ? null : username.strip();
    }

    static String basicUsername(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
