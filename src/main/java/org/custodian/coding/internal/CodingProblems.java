package org.custodian.coding.internal;

import java.util.List;
import org.custodian.coding.CodingEdit;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** RFC 9457 problems of the coding API; details name the encounter id, never patient data. */
final class CodingProblems {

    private CodingProblems() {
    }

    static ErrorResponseException conflict(String title, String detail) {
        ErrorResponseException e = new ErrorResponseException(HttpStatus.CONFLICT);
        e.getBody().setTitle(title);
        e.getBody().setDetail(detail);
        return e;
    }

    static ErrorResponseException notFound(String detail) {
        ErrorResponseException e = new ErrorResponseException(HttpStatus.NOT_FOUND);
        e.getBody().setTitle("Not found");
        e.getBody().setDetail(detail);
        return e;
    }

    /** Finalizing refused: the error-severity edits, each naming its field and rule. */
    static ErrorResponseException blocked(long encounterId, List<CodingEdit> edits) {
        List<CodingEdit> errors = edits.stream().filter(x -> x.severity() == CodingEdit.Severity.ERROR).toList();
        ErrorResponseException e = new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT);
        e.getBody().setTitle("Edits block finalizing");
        e.getBody().setDetail("Encounter " + encounterId + " has " + errors.size() + " error edit(s): "
                + String.join("; ", errors.stream().map(x -> x.field() + ": " + x.rule()).toList()) + ".");
        e.getBody().setProperty("edits", errors);
        return e;
    }
}
