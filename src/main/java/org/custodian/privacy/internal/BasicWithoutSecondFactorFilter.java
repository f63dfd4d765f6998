package org.custodian.privacy.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.custodian.privacy.SecondFactor;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic carries a password and nothing else, so it must not open what the sign-in form opens
 * only after a second factor (HIPAA 45 CFR 164.312(d), person authentication; issue 22). Right after
 * {@code BasicAuthenticationFilter}: an account that owes a second factor (enrolled, required for its
 * roles, or reset by an administrator) is refused with 401 and the refusal audited, even with the
 * right password. Such an account reaches the API with an OAuth2 bearer token from the configured
 * issuer, or through the UI; see docs/decisions.md, "HTTP Basic and the second factor".
 */
class BasicWithoutSecondFactorFilter extends OncePerRequestFilter {

    static final String DETAIL = "This account signs in with a second factor, which HTTP Basic cannot carry: "
            + "use an OAuth2 bearer token for the API, or the web interface.";

    private final SecondFactor secondFactor;
    private final AuditingAccessHandlers handlers;

    BasicWithoutSecondFactorFilter(SecondFactor secondFactor, AuditingAccessHandlers handlers) {
        this.secondFactor = secondFactor;
        this.handlers = handlers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof UsernamePasswordAuthenticationToken && auth.isAuthenticated()
                && SignInThrottleFilter.basicUsername(request) != null
                && secondFactor.after(auth.getName()) != SecondFactor.Step.NONE) {
            SecurityContextHolder.clearContext();
            handlers.refuseAccount(request, response, auth, HttpStatus.UNAUTHORIZED,
                    "HTTP Basic refused: the account owes a second factor", DETAIL);
            return;
        }
        chain.doFilter(request, response);
    }
}
