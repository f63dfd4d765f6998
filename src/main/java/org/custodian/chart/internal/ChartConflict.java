package org.custodian.chart.internal;

import org.custodian.Problem;

/**
 * A 409 problem: the request is valid but the record's state forbids it. Its type is the title's
 * slug ("Under legal hold" → {@code /problems/under-legal-hold}). The detail carries no PHI.
 */
final class ChartConflict {

    private ChartConflict() {
    }

    static Problem of(String title, String detail) {
        return Problem.conflict(Problem.slugOf(title), title, detail);
    }
}
