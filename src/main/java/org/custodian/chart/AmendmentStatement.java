package org.custodian.chart;

import java.time.Instant;

/**
 * What must accompany a document when it is disclosed (45 CFR 164.526(c)(1) and (d)(5)): an
 * accepted amendment, or, after a denial, the request, the denial, the patient's statement of
 * disagreement and the rebuttal. {@code kind} names which; {@code text} is what to print.
 */
public record AmendmentStatement(long amendmentId, long documentId, Kind kind, String text, String by, Instant at) {

    public enum Kind {
        AMENDMENT, REQUEST, DENIAL, DISAGREEMENT, REBUTTAL
    }
}
