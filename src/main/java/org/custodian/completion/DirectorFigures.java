package org.custodian.completion;

import java.util.List;

/**
 * The HIM director's figures: incomplete and delinquent records by practitioner and by service,
 * the aging of open deficiencies (days since discharge), the median days to completion, and the
 * delinquency rate by month under the policy's formula.
 */
public record DirectorFigures(long openDeficiencies, long incompleteRecords, long delinquentRecords,
                              List<Count> byPractitioner, List<Count> byService, List<Count> aging,
                              Double medianDaysToCompletion, List<Delinquency> byMonth, Delinquency current) {

    /** A row: its label, incomplete records, delinquent records. */
    public record Count(String label, long incomplete, long delinquent) {
    }
}
