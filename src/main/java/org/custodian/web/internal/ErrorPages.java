package org.custodian.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * The UI's error page for every status. It says what happened and what to do in plain words, and
 * never shows the exception, its message, a stack trace or SQL: those go to the log only.
 * (JSON clients still get Boot's JSON error body; the API answers with problem details anyway.)
 */
@Component
class ErrorPages implements ErrorViewResolver {

    /** What the page says for one status. */
    record ErrorView(int status, String title, String message) {
    }

    private final Clock clock;

    ErrorPages(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Map<String, Object> page = new HashMap<>();
        ErrorView view = describe(status);
        page.put("status", view.status());
        page.put("errorTitle", view.title());
        page.put("errorMessage", view.message());
        page.put("ctx", PageContextAdvice.contextOf(request, SecurityContextHolder.getContext().getAuthentication(), clock));
        return new ModelAndView("web/error", page, status);
    }

    static ErrorView describe(HttpStatus status) {
        int code = status.value();
        return switch (code) {
            case 400 -> new ErrorView(code, "This request could not be understood",
                    "Part of the address or of what was sent is not valid. Go back, check what you entered, and try again.");
            case 401 -> new ErrorView(code, "Please sign in", "This page needs you to be signed in.");
            case 403 -> new ErrorView(code, "You do not have access to this page",
                    "Your roles do not grant the permission this page needs, or the form had expired. "
                            + "The attempt was recorded in the audit log. If your work needs this page, ask your administrator.");
            case 404 -> new ErrorView(code, "Not found",
                    "There is no page or record at this address. It may have been mistyped, or the record may not exist.");
            case 405 -> new ErrorView(code, "This action is not available here",
                    "The page does not accept this kind of request. Go back and use the page's buttons.");
            case 409 -> new ErrorView(code, "This change conflicts with the record",
                    "The record changed in the meantime. Reload it and try again.");
            case 413 -> new ErrorView(code, "Too much was sent", "The request was larger than Custodian accepts.");
            case 503 -> new ErrorView(code, "Custodian is not available right now", "Please try again in a minute.");
            default -> status.is4xxClientError()
                    ? new ErrorView(code, "This request could not be completed", "Go back, check what you entered, and try again.")
                    : new ErrorView(code, "Something went wrong",
                            "Custodian could not complete the request. The error was logged for the administrator. "
                                    + "Please try again; if it keeps happening, tell your administrator the time it happened.");
        };
    }
}
