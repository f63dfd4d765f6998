package org.custodian.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.custodian.Problem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A module's {@link Problem} as the API answers it: an RFC 9457 problem detail whose {@code type} is
 * the problem's stable URI ({@code /problems/patient-not-found}), with its title, detail, the
 * request path as {@code instance}, and its extension members; under {@code /fhir} an
 * OperationOutcome instead. Ordered before {@link ApiProblems}, whose catch-all would otherwise take it.
 * Pages answer the same problems with the error page ({@link ProblemPages}).
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 10) // after the FHIR API's own advice, before ApiProblems
class ProblemResponses {

    @ExceptionHandler(Problem.class)
    ResponseEntity<?> problem(Problem p, HttpServletRequest request) {
        if (FhirOutcomes.isFhir(request)) {
            return FhirOutcomes.of(p.status(), FhirOutcomes.issueCode(p.status()), p.detail());
        }
        return of(p, request);
    }

    static ResponseEntity<ProblemDetail> of(Problem p, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(p.status()), p.detail());
        body.setType(URI.create(p.typeUri()));
        body.setTitle(p.title());
        body.setInstance(URI.create(request.getRequestURI()));
        p.properties().forEach(body::setProperty);
        return ResponseEntity.status(p.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
