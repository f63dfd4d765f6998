package org.custodian.privacy.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CSRF defence of the stateless API (issue 22, finding 4): a browser that once sent HTTP Basic
 * credentials sends them again with any form, even one on another site. So every unsafe request
 * (POST, PUT, PATCH, DELETE) that a browser marks as cross-site ({@code Sec-Fetch-Site}) or that
 * comes from another origin ({@code Origin}) is refused with 403 and audited, before any credential
 * is looked at. Clients that are not browsers send neither header and pass. (HIPAA 45 CFR
 * 164.312(a)(1), access control; 164.312(c)(1), integrity.)
 */
class CrossSiteRequestFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final AuditingAccessHandlers handlers;
    private final String baseOrigin;

    /** {@code baseUrl}: custodian.base-url, the public address; empty to compare with the request's own. */
    CrossSiteRequestFilter(AuditingAccessHandlers handlers, String baseUrl) {
        this.handlers = handlers;
        this.baseOrigin = baseUrl == null || baseUrl.isBlank() ? null : origin(URI.create(baseUrl.strip()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SAFE.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            String site = request.getHeader("Sec-Fetch-Site");
            String origin = request.getHeader("Origin");
            String problem = null;
            if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
                problem = "Sec-Fetch-Site: " + (site.length() > 20 ? site.substring(0, 20) : site);
            } else if (origin != null && !origin.equalsIgnoreCase(ownOrigin(request))) {
                problem = "Origin of another site";
            }
            if (problem != null) {
                handlers.refuse(request, response, HttpStatus.FORBIDDEN, "cross-site request refused (" + problem + ")",
                        "Cross-site request refused: an unsafe request (" + request.getMethod()
                                + ") must come from Custodian's own origin or from a client that is not a browser.");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private String ownOrigin(HttpServletRequest request) {
        if (baseOrigin != null) {
            return baseOrigin;
        }
        int port = request.getServerPort();
        boolean defaultPort = (request.getScheme().equals("http") && port == 80) || (request.getScheme().equals("https") && port == 443);
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
