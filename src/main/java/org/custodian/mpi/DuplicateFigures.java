package org.custodian.mpi;

import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The master patient index's health at an instant, for the dashboard: registrations, those merged
 * away, the suspected duplicates still pending review and the pending pairs themselves. Rows carry
 * ids only; the caller checks who may see the figure.
 */
public interface DuplicateFigures {

    /** A pair on the duplicate worklist, pending at the instant asked. */
    record PendingPair(long pairId, long patientA, long patientB, double weight, Instant foundAt) {
    }

    record IndexHealth(long registrations, long merged, long suspected, List<PendingPair> pending) {

        /** Merged plus suspected duplicates over all registrations (the {@code /api/mpi/kpis} definition). */
        public double duplicateRate() {
            return registrations == 0 ? 0 : (double) (merged + suspected) / registrations;
        }
    }

    @PreAuthorize("hasAnyAuthority('analytics:view', 'mpi:review')")
    IndexHealth at(Instant at);
}
