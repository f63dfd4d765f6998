package org.custodian.privacy.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * Remembers, for after sign-in, only the pages a person asked for. A part of a page fetched by the page's
 * script (htmx sends {@code HX-Request}: the home page's figures, a live search's results) is no place to
 * land: shown alone it has no header, no menu and no way on. Spring's own cache leaves out
 * {@code X-Requested-With} requests but not htmx's; a figures request that reached the server without a
 * signed-in session (the page left or signed out while it was under way) made the next sign-in open the
 * bare fragment.
 */
final class PagesOnlyRequestCache extends HttpSessionRequestCache {

    @Override
    public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
        if (request.getHeader("HX-Request") == null) {
            super.saveRequest(request, response);
        }
    }
}
