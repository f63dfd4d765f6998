package org.custodian.coding.internal;

import java.util.List;
import org.custodian.Problem;
import org.custodian.coding.CodingEdit;

/**
 * Problems of coding; details name the encounter id, never patient data. A conflict's type is its
 * title's slug ("Abstract is final" → {@code /problems/abstract-is-final}).
 */
final class CodingProblems {

    private CodingProblems() {
    }

    static Problem conflict(String title, String detail) {
        return Problem.conflict(Problem.slugOf(title), title, detail);
    }

    static Problem notFound(String detail) {
        return Problem.notFound("coding-record-not-found", "Not found", detail);
    }

    /** Finalizing refused: the error-severity edits, each naming its field and rule. */
    static Problem blocked(long encounterId, List<CodingEdit> edits) {
        List<CodingEdit> errors = edits.stream().filter(x -> x.severity() == CodingEdit.Severity.ERROR).toList();
        return Problem.unprocessable("edits-block-finalizing", "Edits block finalizing", "Encounter " + encounterId
                        + " has " + errors.size() + " error edit(s): "
                        + String.join("; ", errors.stream().map(x -> x.field() + ": " + x.rule()).toList()) + ".")
                .with("edits", errors);
    }
}
