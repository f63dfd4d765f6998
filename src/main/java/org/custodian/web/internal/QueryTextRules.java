package org.custodian.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Query parameters that are not text (issue 22, finding 8): percent-encoding that is not UTF-8
 * (an unpaired surrogate such as {@code %ED%A0%80}) made the container throw, and a NUL reached
 * PostgreSQL; both answered 500. Here they are a 400 naming the parameter, as a problem detail on
 * the API, an OperationOutcome under /fhir and the error page in the UI. The value is never echoed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class QueryTextRules extends OncePerRequestFilter {

    private static final Pattern TOMCAT_NAME = Pattern.compile("[Pp]arameter \\[([A-Za-z0-9_.:$-]{1,64})\\]");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // A multipart body is parsed only after authentication; its query string is checked by the handler.
        String type = request.getContentType();
        return request.getQueryString() == null
                || (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String problem = null;
        try {
            for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
                String bad = SafeJsonInput.TextRules.problem(e.getKey());
                for (String v : e.getValue()) {
                    bad = bad != null ? bad : SafeJsonInput.TextRules.problem(v);
                }
                if (bad != null) {
                    String name = SafeJsonInput.TextRules.problem(e.getKey()) == null && e.getKey().length() <= 64 ? e.getKey() : "?";
                    problem = name + ": " + bad;
                    break;
                }
            }
        } catch (RuntimeException e) {
            if (!e.getClass().getName().equals("org.apache.tomcat.util.http.InvalidParameterException")) {
                throw e;
            }
            Matcher m = TOMCAT_NAME.matcher(String.valueOf(e.getMessage()));
            problem = (m.find() ? m.group(1) : "query string") + ": not valid UTF-8 text (for example an unpaired surrogate)";
        }
        if (problem == null) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String json = problem.replace("\\", "\\\\").replace("\"", "\\\"");
        if (path.startsWith("/fhir/")) {
            response.setStatus(400);
            response.setContentType("application/fhir+json");
            response.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"invalid\","
                    + "\"diagnostics\":\"" + json + "\"}]}");
        } else if (path.startsWith("/api/")) {
            response.setStatus(400);
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Invalid request\",\"status\":400,\"detail\":\"" + json + "\"}");
        } else {
            response.sendError(400);
        }
    }
}
