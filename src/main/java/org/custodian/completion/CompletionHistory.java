package org.custodian.completion;

import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Deficiencies opened and completed before Custodian kept them: the go-live conversion from the
 * department's previous completion system (or, for the demo hospital, from the chart's own
 * authentication times), so that completion times and trends have their history from the first day.
 * Each row is a closed deficiency; the import is all or nothing, and each row is audited as a write
 * to the patient's record.
 */
public interface CompletionHistory {

    /** A completed deficiency: when it was opened and completed, and who completed it (as the old system says). */
    record CompletedBefore(long encounterId, Long practitionerId, String rule, Long documentId, Instant openedAt,
                           Instant closedAt, String closedBy) {
    }

    /**
     * Imports the rows; returns how many. Refused whole (IllegalArgumentException naming the row and
     * field) when a row names no encounter, an unknown rule or practitioner, a document of another
     * encounter, or a completion before its opening or in the future.
     */
    @PreAuthorize("hasAuthority('completion:manage')")
    int importCompleted(List<CompletedBefore> rows);
}
