package org.custodian.mpi;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The master patient index's scan for duplicate registrations: every active registration linked
 * against the others (blocking, comparison, m and u fitted on the index), each pair in the review
 * band or above put on the duplicate worklist; a pair already there, decided or not, stays as it is.
 * Each scan is recorded ({@link Run}): the worklist shows the one running, with its phase, and the
 * last one's counts. One scan runs at a time across instances; a second is refused while one runs.
 * A scan reads every registration: it is audited as one bulk search by whoever started it.
 */
public interface DuplicateScan {

    /** The system actor of scans no person started (the nightly scan, the demo hospital's first start). */
    String SYSTEM_ACTOR = "system:mpi-scan";

    /** Who or what started a scan. */
    enum Trigger {
        SCHEDULED("nightly"), ANALYST("on demand"), DEMO("the demo hospital's first start"),
        COMMAND_LINE("command line");

        private final String words;

        Trigger(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /**
     * One scan: running (with its phase) or finished with its counts.
     *
     * @param registrations  registrations read (null while running)
     * @param comparedPairs  candidate pairs the blocking passes compared
     * @param linkPairs      pairs at or above the link threshold
     * @param reviewPairs    pairs in the review band
     * @param newPairs       of those, pairs not on the worklist before
     */
    record Run(long id, Trigger trigger, String startedBy, Instant startedAt, Instant finishedAt, String status, String phase,
               Integer registrations, Long comparedPairs, Integer linkPairs, Integer reviewPairs, Integer newPairs, Double seconds,
               String error) {

        public boolean running() {
            return "RUNNING".equals(status);
        }

        /** Pairs the scan proposed (link and review bands), null while running. */
        public Integer proposedPairs() {
            return linkPairs == null || reviewPairs == null ? null : linkPairs + reviewPairs;
        }
    }

    /** The scan is already running (here or on another instance): nothing was started. */
    final class AlreadyRunning extends RuntimeException {
        public AlreadyRunning() {
            super("a scan of the index is already running");
        }
    }

    /** Scans the whole index now, in the caller's thread; the caller's identity is recorded and audited. */
    @PreAuthorize("hasAuthority('mpi:review')")
    Run scanIndex(Trigger trigger);

    /**
     * Links the given registrations with one another (not with the rest of the index) and puts their
     * pairs on the worklist: a batch loaded at once (the demo hospital at first start, an import) checked
     * for the duplicates it holds.
     */
    @PreAuthorize("hasAuthority('mpi:review')")
    Run scanAmong(Collection<Long> patientIds, Trigger trigger);

    /** Starts a whole-index scan in the background as the caller; its progress is {@link #latest()}. */
    @PreAuthorize("hasAuthority('mpi:review')")
    Run start(Trigger trigger);

    /** The scan running now, else the last one; empty before the first. */
    @PreAuthorize("hasAuthority('mpi:review')")
    Optional<Run> latest();

    /** The last scan that finished (done or failed). */
    @PreAuthorize("hasAuthority('mpi:review')")
    Optional<Run> lastFinished();
}
