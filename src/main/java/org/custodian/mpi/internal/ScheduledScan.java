package org.custodian.mpi.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import org.custodian.HospitalClock;
import org.custodian.PeriodicJob;
import org.custodian.mpi.DuplicateScan;
import org.custodian.privacy.Permission;
import org.custodian.privacy.SystemAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Scans the whole index for duplicates every night by itself, at {@code custodian.mpi.scan-time}
 * (default 02:00) in the hospital's zone, checked every {@code custodian.mpi.scan-check-every}
 * (default 5 minutes; 0: never by itself), so that registrations made during the day meet the
 * worklist the next morning without anyone pressing "Scan". It runs as the system actor
 * {@value DuplicateScan#SYSTEM_ACTOR} holding only {@code mpi:review}; a day is claimed once in
 * {@code mpi_scan_run}, so a restart after the scan time catches up and a second instance finds the
 * night taken.
 */
@Component
class ScheduledScan extends PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(ScheduledScan.class);

    private final DuplicateScans scans;
    private final HospitalClock clock;
    private final LocalTime at;
    private final boolean enabled;

    ScheduledScan(DuplicateScans scans, Clock clock, MpiSettings settings) {
        super("mpi-scheduled-scan", settings.scanCheckEvery(), false, WhenZero.NEVER);
        this.scans = scans;
        this.clock = HospitalClock.of(clock);
        this.at = settings.scanTime();
        this.enabled = !(settings.scanCheckEvery().isZero() || settings.scanCheckEvery().isNegative());
    }

    /** The hospital date whose scan is due now, if today's scan time has come. */
    Optional<LocalDate> due() {
        ZonedDateTime now = clock.instant().atZone(clock.getZone());
        return now.toLocalTime().isBefore(at) ? Optional.empty() : Optional.of(now.toLocalDate());
    }

    /** Runs today's scan if its time has come and no run has claimed the day; empty when nothing ran. */
    Optional<DuplicateScan.Run> runIfDue() {
        Optional<LocalDate> day = due();
        if (day.isEmpty()) {
            return Optional.empty();
        }
        Optional<DuplicateScan.Run> run = SystemAccess.call(DuplicateScan.SYSTEM_ACTOR, EnumSet.of(Permission.MPI_REVIEW),
                () -> scans.scheduled(day.get()));
        run.ifPresent(r -> log.info("Nightly duplicate scan of {}: {} registrations, {} pairs proposed, {} new on the worklist",
                day.get(), r.registrations(), r.proposedPairs(), r.newPairs()));
        return run;
    }

    /** In words, for the worklist: when the scan runs by itself. */
    String schedule() {
        return enabled ? "every night at " + at + " (hospital time)" : "off (custodian.mpi.scan-check-every is 0)";
    }

    @Override
    protected void runOnce() {
        runIfDue();
    }
}
