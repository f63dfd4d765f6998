package org.custodian.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The FHIR way to say what went wrong: an OperationOutcome (FHIR R4 §3.1.0.1.7, "RESTful API:
 * errors"). Written as a map here, where no HAPI model is needed, so that the web layer answers a
 * problem under {@code /fhir} as FHIR clients expect even outside the interop module's controllers.
 */
final class FhirOutcomes {

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

    private FhirOutcomes() {
    }

    static boolean isFhir(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/fhir") || path.startsWith("/fhir/");
    }

    /** The issue type (FHIR value set issue-type) that fits an HTTP status. */
    static String issueCode(int status) {
        return switch (status) {
            case 400, 422 -> "invalid";
            case 401 -> "login";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 409 -> "conflict";
            case 413 -> "too-costly";
            default -> status >= 500 ? "exception" : "processing";
        };
    }

    static ResponseEntity<Map<String, Object>> of(int status, String code, String diagnostics) {
        Map<String, Object> outcome = Map.of("resourceType", "OperationOutcome",
                "issue", List.of(Map.of("severity", "error", "code", code, "diagnostics", diagnostics == null ? "" : diagnostics)));
        return ResponseEntity.status(status).contentType(FHIR_JSON).body(outcome);
    }
}
