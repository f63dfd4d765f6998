package org.custodian.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page. Spring Security's form login posts to {@code /login}; on failure it comes back
 * with {@code ?error} and leaves the reason in the session, which this page turns into words.
 * A wrong password and an unknown user read the same, so the page does not reveal who has an account.
 */
@Controller
class LoginPageController {

    /** A message on the sign-in page: {@code kind} is "error" or "info". */
    record LoginMessage(String kind, String text) {
    }

    private final int maxFailedLogins;
    private final Duration lockout;
    private final Duration sessionTimeout;

    LoginPageController(@Value("${custodian.security.max-failed-logins:5}") int maxFailedLogins,
                        @Value("${custodian.security.lockout:15m}") Duration lockout,
                        @Value("${server.servlet.session.timeout:30m}") Duration sessionTimeout) {
        this.maxFailedLogins = maxFailedLogins;
        this.lockout = lockout;
        this.sessionTimeout = sessionTimeout;
    }

    @GetMapping("/login")
    @PreAuthorize("permitAll()")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                 @RequestParam(required = false) String expired, HttpServletRequest request, Model model) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        LoginMessage message = null;
        if (error != null) {
            message = new LoginMessage("error", failure(request.getSession(false)));
        } else if (logout != null) {
            message = new LoginMessage("info", "You have signed out.");
        } else if (expired != null) {
            message = new LoginMessage("info", "Your session ended after " + words(sessionTimeout)
                    + " without activity. Please sign in again.");
        }
        if (message != null) {
            model.addAttribute("messageKind", message.kind());
            model.addAttribute("message", message.text());
        }
        return "web/login";
    }

    private String failure(HttpSession session) {
        Object exception = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        if (session != null) {
            session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        }
        if (exception instanceof LockedException) {
            return "This account is locked after " + maxFailedLogins + " failed sign-in attempts. Try again in "
                    + words(lockout) + ", or ask an administrator to unlock it.";
        }
        if (exception instanceof DisabledException) {
            return "This account is disabled. Ask an administrator to enable it.";
        }
        return "Wrong username or password. After " + maxFailedLogins + " failed attempts in a row the account is locked for "
                + words(lockout) + ".";
    }

    static String words(Duration d) {
        long minutes = d.toMinutes();
        if (minutes >= 60 && minutes % 60 == 0) {
            long hours = minutes / 60;
            return hours + (hours == 1 ? " hour" : " hours");
        }
        if (minutes >= 1) {
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        long seconds = d.toSeconds();
        return seconds + (seconds == 1 ? " second" : " seconds");
    }
}
