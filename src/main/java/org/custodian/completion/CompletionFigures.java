package org.custodian.completion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Record completion's figures for the department dashboard (42 CFR 482.24(c)(4)(viii): records
 * completed within 30 days of discharge): the incomplete and delinquent records as they stood at
 * the end of a hospital day, the delinquency rate under the policy's formula, and the deficiencies
 * completed in a time range. Rows carry ids only, no names: the caller checks who may see the
 * figure and names patients through its own audited call.
 */
public interface CompletionFigures {

    /**
     * A record (encounter) with at least one deficiency open at the end of {@code day}; delinquent when
     * the day is on or after its discharge date plus the policy's N days plus one.
     */
    record OpenRecord(long encounterId, long patientId, Instant dischargedAt, int openDeficiencies, boolean delinquent,
                      long daysSinceDischarge) {
    }

    /** A deficiency completed (closed): opened and closed at, for the days it took. */
    record CompletedDeficiency(long deficiencyId, long encounterId, long patientId, String rule, Instant openedAt,
                               Instant closedAt) {
        public double days() {
            return java.time.Duration.between(openedAt, closedAt).toMillis() / 86_400_000.0;
        }
    }

    /** Records with a deficiency open at the end of {@code day} (opened on or before it, not closed by then), oldest discharge first. */
    List<OpenRecord> incompleteOn(LocalDate day);

    /** The delinquency rate over {@code [from, to]} under the policy's formula and alert level, counts only. */
    Delinquency delinquency(LocalDate from, LocalDate to);

    /** Deficiencies closed in {@code [from, to)}, oldest closure first. */
    List<CompletedDeficiency> completed(Instant from, Instant to);
}
