package org.custodian.demo.internal;

import java.util.EnumSet;
import java.util.List;
import org.custodian.mpi.DuplicateScan;
import org.custodian.privacy.Permission;
import org.custodian.privacy.SystemAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo hospital's registrations scanned for duplicates once, when the demo is built, as the
 * scan's system actor: the planted duplicate registrations are on the duplicate worklist at first
 * start because the master patient index found them, not because the generator's truth was copied
 * there. A failure is logged and leaves the rest of the demo as it is.
 */
@Component
class DemoDuplicateScan {

    private static final Logger log = LoggerFactory.getLogger(DemoDuplicateScan.class);

    private final DuplicateScan scans;

    DemoDuplicateScan(DuplicateScan scans) {
        this.scans = scans;
    }

    /** Scans the registrations the demo loaded (at first start: the whole index); null when it failed. */
    DuplicateScan.Run scan(List<Long> patientIds) {
        try {
            DuplicateScan.Run run = SystemAccess.call(DuplicateScan.SYSTEM_ACTOR, EnumSet.of(Permission.MPI_REVIEW),
                    () -> scans.scanAmong(patientIds, DuplicateScan.Trigger.DEMO));
            log.info("Demo duplicate scan: {} registrations, {} pairs proposed ({} above the link threshold) in {} s",
                    run.registrations(), run.proposedPairs(), run.linkPairs(), String.format(java.util.Locale.ROOT, "%.1f", run.seconds()));
            return run;
        } catch (RuntimeException e) {
            log.warn("Demo duplicate scan not run: {}", e.toString());
            return null;
        }
    }
}
