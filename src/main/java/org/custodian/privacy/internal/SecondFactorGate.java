package org.custodian.privacy.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.custodian.privacy.PendingSecondFactor;
import org.custodian.privacy.SecondFactor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The UI's second factor (HIPAA 45 CFR 164.312(d)). After a right password, {@link #afterPassword}
 * keeps the session as {@link PendingSecondFactor} when the account owes a code or an enrolment, and
 * this filter sends such a session to its second-factor page from anywhere else; the authorization
 * rules refuse it everything but those pages in any case ({@link SecurityConfiguration}).
 */
class SecondFactorGate extends OncePerRequestFilter {

    private static final List<String> OPEN = List.of("/login", "/logout", "/css/", "/js/", "/img/", "/webjars/",
            "/favicon.ico", "/error");

    static boolean pending(Authentication auth) {
        return auth instanceof PendingSecondFactor;
    }

    static String pageOf(PendingSecondFactor pending) {
        return pending.step() == SecondFactor.Step.ENROL ? SecondFactor.ENROL_PATH : SecondFactor.VERIFY_PATH;
    }

    /** The sign-in form's success: on to the second factor when the account owes one, else as before. */
    static AuthenticationSuccessHandler afterPassword(SecondFactor secondFactor) {
        SavedRequestAwareAuthenticationSuccessHandler plain = new SavedRequestAwareAuthenticationSuccessHandler();
        plain.setDefaultTargetUrl("/");
        SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
        return (request, response, authentication) -> {
            SecondFactor.Step step = secondFactor.after(authentication.getName());
            if (step == SecondFactor.Step.NONE) {
                plain.onAuthenticationSuccess(request, response, authentication);
                return;
            }
            PendingSecondFactor pending = new PendingSecondFactor(authentication, step);
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(pending);
            SecurityContextHolder.setContext(context);
            sessions.saveContext(context, request, response);
            response.sendRedirect(request.getContextPath() + pageOf(pending));
        };
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof PendingSecondFactor pending) {
            String path = request.getServletPath();
            boolean open = path.startsWith(SecondFactor.VERIFY_PATH)
                    || OPEN.stream().anyMatch(p -> p.endsWith("/") ? path.startsWith(p) : path.equals(p));
            if (!open) {
                response.sendRedirect(request.getContextPath() + pageOf(pending));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
