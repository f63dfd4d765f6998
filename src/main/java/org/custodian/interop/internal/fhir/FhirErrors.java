package org.custodian.interop.internal.fhir;

import jakarta.servlet.http.HttpServletRequest;
import org.custodian.Problem;
import org.custodian.privacy.BreakTheGlassRequired;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the FHIR API as OperationOutcomes (FHIR R4 §3.1.0.1.7), in JSON or XML as asked: a
 * refused search names its parameter and rule; a module's problem keeps its status and detail.
 */
@RestControllerAdvice(assignableTypes = FhirEndpoint.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class FhirErrors {

    private final FhirResponses responses;

    FhirErrors(FhirResponses responses) {
        this.responses = responses;
    }

    @ExceptionHandler(FhirSearchException.class)
    ResponseEntity<String> refused(FhirSearchException e, HttpServletRequest request) {
        return responses.respond(e.status(), e.outcome(), request);
    }

    @ExceptionHandler(Problem.class)
    ResponseEntity<String> problem(Problem p, HttpServletRequest request) {
        if (p instanceof BreakTheGlassRequired) { // as the chart refuses it, in words (45 CFR 164.312(a)(2)(ii))
            return responses.respond(403, new FhirSearchException(403, IssueType.FORBIDDEN,
                    p.title() + ": " + p.detail()).outcome(), request);
        }
        IssueType type = switch (p.status()) {
            case 404 -> IssueType.NOTFOUND;
            case 409 -> IssueType.CONFLICT;
            case 422 -> IssueType.BUSINESSRULE;
            default -> p.status() >= 500 ? IssueType.EXCEPTION : IssueType.INVALID;
        };
        return responses.respond(p.status(), new FhirSearchException(p.status(), type, p.detail()).outcome(), request);
    }
}
