package org.custodian.staff.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.custodian.privacy.PendingSecondFactor;
import org.custodian.privacy.SecondFactor;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The TOTP second factor's pages (HIPAA 45 CFR 164.312(d)): the code after the password, enrolment
 * of an authenticator app (QR code, recovery codes), one's own status, and the administrator's reset.
 * A wrong code is counted and throttled like a wrong password (164.308(a)(5)(ii)(C)) and audited.
 */
@Controller
class SecondFactorController {

    private static final String ENROLLING = SecondFactorController.class.getName() + ".secret";
    static final String WRONG_CODE = "That code is not right. Enter the 6-digit code your authenticator app shows now, "
            + "or one of your recovery codes; after several failed attempts, sign-in from this computer pauses for a few minutes.";

    private final JdbcSecondFactors secondFactors;
    private final JdbcSignInThrottle throttle;
    private final LoginAttempts attempts;
    private final Clock clock;
    private final String issuer;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    private final HttpSessionRequestCache requests = new HttpSessionRequestCache();

    SecondFactorController(JdbcSecondFactors secondFactors, JdbcSignInThrottle throttle, LoginAttempts attempts, Clock clock,
                           SignInSettings settings) {
        this.secondFactors = secondFactors;
        this.throttle = throttle;
        this.attempts = attempts;
        this.clock = clock;
        this.issuer = settings.secondFactor().issuer();
    }

    @GetMapping(SecondFactor.VERIFY_PATH)
    @PreAuthorize("isAuthenticated()")
    String codePage(Model model) {
        if (!(current() instanceof PendingSecondFactor pending) || pending.step() != SecondFactor.Step.VERIFY) {
            return "redirect:/";
        }
        model.addAttribute("username", pending.getName());
        return "staff/second-factor";
    }

    @PostMapping(SecondFactor.VERIFY_PATH)
    @PreAuthorize("isAuthenticated()")
    String code(@RequestParam(required = false) String code, HttpServletRequest request, HttpServletResponse response,
                Model model) {
        if (!(current() instanceof PendingSecondFactor pending) || pending.step() != SecondFactor.Step.VERIFY) {
            return "redirect:/";
        }
        model.addAttribute("username", pending.getName());
        if (throttled(pending, request)) {
            attempts.secondFactorFailed(pending, "SecondFactor throttled");
            model.addAttribute("problem", WRONG_CODE);
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return "staff/second-factor";
        }
        JdbcSecondFactors.Check check = secondFactors.check(pending.getName(), code);
        if (check == JdbcSecondFactors.Check.WRONG) {
            attempts.secondFactorFailed(pending, "SecondFactor");
            model.addAttribute("problem", WRONG_CODE);
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            return "staff/second-factor";
        }
        signIn(pending, check == JdbcSecondFactors.Check.TOTP ? "authenticator code" : "recovery code", request, response);
        SavedRequest saved = requests.getRequest(request, response);
        return "redirect:" + (saved == null ? "/" : saved.getRedirectUrl());
    }

    @GetMapping(SecondFactor.ENROL_PATH)
    @PreAuthorize("isAuthenticated()")
    String enrolPage(HttpSession session, Model model) {
        String username = mayEnrol();
        if (username == null) {
            return "redirect:/account/second-factor";
        }
        String secret = (String) session.getAttribute(ENROLLING);
        if (secret == null) {
            secret = Totp.newSecret();
            session.setAttribute(ENROLLING, secret);
        }
        return enrolModel(model, username, secret);
    }

    @PostMapping(SecondFactor.ENROL_PATH)
    @PreAuthorize("isAuthenticated()")
    String enrol(@RequestParam(required = false) String code, HttpSession session, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        String username = mayEnrol();
        String secret = (String) session.getAttribute(ENROLLING);
        if (username == null || secret == null) {
            return "redirect:" + SecondFactor.ENROL_PATH;
        }
        Authentication auth = current();
        if (throttled(auth, request)) {
            attempts.secondFactorFailed(auth, "SecondFactor enrolment throttled");
            model.addAttribute("problem", WRONG_CODE);
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return enrolModel(model, username, secret);
        }
        OptionalLong step = Totp.verify(secret, code == null ? null : code.strip(), clock.instant(), 0);
        if (step.isEmpty()) {
            attempts.secondFactorFailed(auth, "SecondFactor enrolment");
            model.addAttribute("problem", "That code is not right. Scan the QR code again or type the key, "
                    + "then enter the 6-digit code the app shows now.");
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return enrolModel(model, username, secret);
        }
        List<String> codes = secondFactors.enrol(username, secret, step.getAsLong());
        session.removeAttribute(ENROLLING);
        if (auth instanceof PendingSecondFactor pending) {
            signIn(pending, "authenticator enrolled", request, response);
        }
        model.addAttribute("codes", codes);
        return "staff/second-factor-codes";
    }

    @GetMapping("/account/second-factor")
    @PreAuthorize("isAuthenticated()")
    String mine(Model model) {
        model.addAttribute("status", secondFactors.status(current().getName()));
        return "staff/second-factor-account";
    }

    @PostMapping("/admin/staff/{username}/second-factor/reset")
    @PreAuthorize("hasAuthority('staff:manage')")
    String reset(@PathVariable String username, RedirectAttributes redirect) {
        if (!username.matches("[a-z0-9._-]{2,64}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        try {
            secondFactors.reset(username);
        } catch (java.util.NoSuchElementException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("notice", "Second factor of " + username
                + " reset: they enrol a new authenticator at their next sign-in.");
        return "redirect:/admin/staff/" + username;
    }

    private String enrolModel(Model model, String username, String secret) {
        String uri = Totp.uri(issuer, username, secret);
        model.addAttribute("username", username);
        model.addAttribute("secret", secret.replaceAll("(.{4})(?!$)", "$1 "));
        model.addAttribute("qr", QrCodes.svgDataUri(uri));
        model.addAttribute("uri", uri);
        model.addAttribute("pending", current() instanceof PendingSecondFactor);
        return "staff/second-factor-enrol";
    }

    /**
     * Who may enrol now: a sign-in that owes an enrolment, or a signed-in user without an authenticator. Never a
     * sign-in that owes a code: enrolling a new authenticator must not get round the one enrolled.
     */
    private String mayEnrol() {
        Authentication auth = current();
        if (auth instanceof PendingSecondFactor pending) {
            return pending.step() == SecondFactor.Step.ENROL ? pending.getName() : null;
        }
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
            return null;
        }
        return secondFactors.status(auth.getName()).enrolled() ? null : auth.getName();
    }

    private boolean throttled(Authentication auth, HttpServletRequest request) {
        var wait = throttle.refusedFor(auth.getName(), request.getRemoteAddr());
        return !wait.isZero() && !wait.isNegative();
    }

    /** The sign-in is complete: the session gets the password's authentication, under a new session id. */
    private void signIn(PendingSecondFactor pending, String how, HttpServletRequest request, HttpServletResponse response) {
        Authentication full = pending.passwordAuthentication();
        request.changeSessionId(); // session fixation (the id the half sign-in had is no good for the whole)
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(full);
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
        attempts.secondFactorPassed(full, how);
    }

    private static Authentication current() {
        return SecurityContextHolder.getContext().getAuthentication();
    }
}
