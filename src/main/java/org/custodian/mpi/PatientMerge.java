package org.custodian.mpi;

import java.time.Instant;
import java.util.List;

/**
 * A merge of a duplicate registration ({@code retiredPatientId}, whose MRN stays as an alias) into
 * the surviving one; {@code unmergedAt} is set once the merge has been undone.
 */
public record PatientMerge(long id, long survivingPatientId, long retiredPatientId, String retiredMrn, String reason,
                           List<String> overlayRisks, String overrideReason, String mergedBy, Instant mergedAt,
                           String unmergeReason, String unmergedBy, Instant unmergedAt) {

    public boolean active() {
        return unmergedAt == null;
    }
}
