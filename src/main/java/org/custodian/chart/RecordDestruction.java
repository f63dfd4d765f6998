package org.custodian.chart;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The chart's side of destroying records at the end of their retention period: find candidates
 * and purge them. A purged encounter and its documents stay as tombstones (ids, dates, type) that
 * say "destroyed under certificate N"; their content is gone from the database. Only the
 * retention module calls this, after two approvals.
 */
public interface RecordDestruction {

    /** Encounters not yet destroyed whose service ended before {@code cutoff}, oldest first; of one patient if given. */
    @PreAuthorize("hasAnyAuthority('retention:manage', 'retention:approve', 'legal-hold:manage')")
    List<RetainedEncounter> encountersEndedBefore(java.time.Instant cutoff, Long patientId, int limit);

    @PreAuthorize("hasAnyAuthority('retention:manage', 'retention:approve', 'legal-hold:manage')")
    RetainedEncounter retained(long encounterId);

    /** Purges the encounter's content and its documents' text in one transaction; audited. */
    @PreAuthorize("hasAuthority('retention:approve')")
    RetainedEncounter destroyEncounter(long encounterId, String certificateNumber);
}
