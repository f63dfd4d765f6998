package org.custodian.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
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
 * Every failure reads the same, so the page does not reveal who has an account.
 */
@Controller
class LoginPageController {

    /** A message on the sign-in page: {@code kind} is "error" or "info". */
    record LoginMessage(String kind, String text) {
    }

    private final Duration sessionTimeout;
    private final String singleSignOn;

    LoginPageController(SessionSettings session, org.custodian.privacy.SingleSignOnSettings sso) {
        this.sessionTimeout = session.timeout();
        this.singleSignOn = sso.enabled() ? sso.name() : null;
    }

    /**
     * Single sign-on worked at the identity provider, but no enabled staff account matches the person:
     * Custodian never opens an account by itself (issue 22; HIPAA 164.308(a)(4)(ii)(C)).
     */
    static final String SSO_REFUSED = "Single sign-on recognised you, but no Custodian staff account matches you "
            + "(or it is disabled). Custodian does not open accounts by itself: ask an administrator to open one "
            + "with your username.";

    @GetMapping("/login")
    @PreAuthorize("permitAll()")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                 @RequestParam(required = false) String expired,
                 @RequestParam(name = "sso-refused", required = false) String ssoRefused,
                 HttpServletRequest request, Model model) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        LoginMessage message = null;
        if (singleSignOn != null) {
            model.addAttribute("sso", singleSignOn);
        }
        if (ssoRefused != null) {
            failure(request.getSession(false));
            message = new LoginMessage("error", SSO_REFUSED);
        } else if (error != null) {
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

    /**
     * One message for every failed sign-in, whatever the cause (unknown user, wrong password,
     * throttled, disabled): the page must not tell anyone which usernames exist or what state an
     * account is in (issue 22, finding 3; HIPAA 164.308(a)(5)(ii)(C)).
     */
    static final String SIGN_IN_FAILED = "Sign-in failed. Check your username and password and try again; "
            + "after several failed attempts, sign-in from this computer pauses for a few minutes. "
            + "If it keeps failing, ask an administrator.";

    private String failure(HttpSession session) {
        if (session != null) {
            session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        }
        return SIGN_IN_FAILED;
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
