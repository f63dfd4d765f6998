package org.custodian.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.custodian.Problem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two answers the controller advice cannot give, because no REST controller is involved:
 * <ul>
 * <li>a {@link Problem} raised under a page gets the readable error page of its status (the page
 *     controllers catch the problems they can explain on the form; the rest land here);</li>
 * <li>an unknown path under {@code /api} is a 404 problem detail ({@code /problems/no-such-endpoint}),
 *     and under {@code /fhir} an OperationOutcome, not the HTML error page or a bare framework error.</li>
 * </ul>
 * A REST controller's problem is left to {@link ProblemResponses}. Runs before Spring's own resolvers.
 */
@Component
class ProblemPages implements HandlerExceptionResolver, Ordered {

    static final String NO_SUCH_ENDPOINT = "no-such-endpoint";

    private final JsonMapper json;

    ProblemPages(JsonMapper json) {
        this.json = json;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10; // after DefaultErrorAttributes, which only records the error
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        try {
            if (ex instanceof Problem p && !restHandler(handler) && "break-the-glass-required".equals(p.type())
                    && p.properties().get("patientId") instanceof Long patientId) {
                // A confidential chart opened from a page: the page asking for the reason (45 CFR 164.312(a)(2)(ii)).
                response.sendRedirect(request.getContextPath() + "/patients/" + patientId + "/break-glass");
                return new ModelAndView();
            }
            if (ex instanceof Problem p && !restHandler(handler)) {
                response.sendError(p.status());
                return new ModelAndView();
            }
            if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                if (FhirOutcomes.isFhir(request)) {
                    write(response, 404, FhirOutcomes.FHIR_JSON, FhirOutcomes.of(404, "not-supported",
                            "no FHIR interaction at " + request.getMethod() + " " + printable(path)).getBody());
                    return new ModelAndView();
                }
                if (path.equals("/api") || path.startsWith("/api/")) {
                    Map<String, Object> problem = new LinkedHashMap<>();
                    problem.put("type", Problem.TYPE_BASE + NO_SUCH_ENDPOINT);
                    problem.put("title", "No such endpoint");
                    problem.put("status", 404);
                    problem.put("detail", "The API has no " + request.getMethod() + " " + printable(path)
                            + "; see /v3/api-docs for its endpoints.");
                    problem.put("instance", printable(path));
                    write(response, 404, MediaType.APPLICATION_PROBLEM_JSON, problem);
                    return new ModelAndView();
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private void write(HttpServletResponse response, int status, MediaType type, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType(type.toString());
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }

    /** A path as it may be echoed: at most 200 characters, no control characters. */
    private static String printable(String path) {
        String clean = path.replaceAll("\\p{Cntrl}", "");
        return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
    }

    private static boolean restHandler(Object handler) {
        return handler instanceof HandlerMethod m && (m.hasMethodAnnotation(ResponseBody.class)
                || AnnotatedElementUtils.hasAnnotation(m.getBeanType(), ResponseBody.class));
    }
}
