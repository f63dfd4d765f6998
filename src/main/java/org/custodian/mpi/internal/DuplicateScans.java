package org.custodian.mpi.internal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.custodian.Actor;
import org.custodian.ClusterLocks;
import org.custodian.Rows;
import org.custodian.mpi.DuplicateScan;
import org.custodian.privacy.SystemAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * {@link DuplicateScan}: runs {@link MpiScan} under the cluster lock {@value #LOCK} (one scan at a
 * time across instances) and keeps each run in {@code mpi_scan_run}, its phase updated as it goes, so
 * that the worklist shows the scan running and the last one's counts whichever instance ran it.
 */
@Service
class DuplicateScans implements DuplicateScan {

    static final String LOCK = "mpi-scan";
    private static final Logger log = LoggerFactory.getLogger(DuplicateScans.class);
    private static final String COLUMNS = "id, trigger, started_by, started_at, finished_at, status, phase, registrations,"
            + " compared_pairs, link_pairs, review_pairs, new_pairs, seconds, error";

    private final JdbcClient jdbc;
    private final MpiScan scan;
    private final ClusterLocks locks;
    private final Clock clock;
    /** A background scan of this instance, from its start until it ends (the lock is taken a moment after). */
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mpi-scan");
        t.setDaemon(true);
        return t;
    });

    DuplicateScans(JdbcClient jdbc, MpiScan scan, ClusterLocks locks, Clock clock) {
        this.jdbc = jdbc;
        this.scan = scan;
        this.locks = locks;
        this.clock = clock;
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        background.shutdownNow();
    }

    @Override
    public Run scanIndex(Trigger trigger) {
        return runNow(null, trigger, null);
    }

    @Override
    public Run scanAmong(Collection<Long> patientIds, Trigger trigger) {
        return runNow(patientIds.stream().mapToLong(Long::longValue).toArray(), trigger, null);
    }

    /** The scheduled scan of hospital day {@code day}, unless that day was claimed already (empty). */
    Optional<Run> scheduled(LocalDate day) {
        Optional<Long> id = claim(Trigger.SCHEDULED, day);
        return id.map(claimed -> runClaimed(claimed, null));
    }

    @Override
    public Run start(Trigger trigger) {
        if (!pending.compareAndSet(false, true)) {
            throw new AlreadyRunning();
        }
        try {
            if (!lockFree()) {
                throw new AlreadyRunning();
            }
            long id = claim(trigger, null).orElseThrow();
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            background.execute(() -> {
                try {
                    SystemAccess.callAs(caller, () -> runClaimed(id, null));
                } catch (RuntimeException e) {
                    log.warn("Scan {} of the master patient index failed: {}", id, e.getMessage());
                } finally {
                    pending.set(false);
                }
            });
            return find(id).orElseThrow();
        } catch (RuntimeException e) {
            pending.set(false);
            throw e;
        }
    }

    @Override
    public Optional<Run> latest() {
        return jdbc.sql("select " + COLUMNS + " from mpi_scan_run order by started_at desc, id desc limit 1").query(this::run).optional()
                .map(r -> r.running() && !pending.get() && lockFree() ? interrupted(r) : r);
    }

    @Override
    public Optional<Run> lastFinished() {
        return jdbc.sql("select " + COLUMNS + " from mpi_scan_run where status in ('DONE', 'FAILED')"
                + " order by finished_at desc, id desc limit 1").query(this::run).optional();
    }

    private Run runNow(long[] only, Trigger trigger, LocalDate day) {
        long id = claim(trigger, day).orElseThrow();
        return runClaimed(id, only);
    }

    /** Runs the claimed scan under the lock; a scan already running elsewhere fails this one. */
    private Run runClaimed(long id, long[] only) {
        runLocked(id, only, new PrintStream(OutputStream.nullOutputStream()));
        return find(id).orElseThrow();
    }

    /**
     * The {@code mpi-scan} command's whole-index scan, kept in {@code mpi_scan_run} as trigger "command line"
     * like the scans of the UI and the schedule, its progress printed to {@code progress}.
     */
    MpiScan.Result commandLine(PrintStream progress) {
        long id = claim(Trigger.COMMAND_LINE, null).orElseThrow();
        return runLocked(id, null, progress);
    }

    private MpiScan.Result runLocked(long id, long[] only, PrintStream progress) {
        MpiScan.Result[] result = new MpiScan.Result[1];
        boolean ran = locks.runAlone(LOCK, () -> result[0] = perform(id, only, progress));
        if (!ran) {
            finish(id, "FAILED", "another scan was running");
            throw new AlreadyRunning();
        }
        return result[0];
    }

    private MpiScan.Result perform(long id, long[] only, PrintStream progress) {
        // Holding the lock: a row still RUNNING is of a scan whose instance stopped midway.
        jdbc.sql("update mpi_scan_run set status = 'INTERRUPTED', finished_at = ? where status = 'RUNNING' and id <> ?")
                .params(Rows.utc(clock.instant()), id).update();
        try {
            MpiScan.Result r = scan.scan(only, progress,
                    phase -> jdbc.sql("update mpi_scan_run set phase = ? where id = ?").params(phase, id).update());
            jdbc.sql("""
                    update mpi_scan_run set status = 'DONE', finished_at = ?, phase = null, registrations = ?, compared_pairs = ?,
                     link_pairs = ?, review_pairs = ?, new_pairs = ?, seconds = ? where id = ?""")
                    .params(Rows.utc(clock.instant()), r.registrations(), r.comparedPairs(), r.linkPairs(), r.reviewPairs(),
                            r.newPairs(), r.readSeconds() + r.linkSeconds() + r.writeSeconds(), id).update();
            return r;
        } catch (Exception e) {
            // The database's or the engine's message: no patient data.
            finish(id, "FAILED", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }

    private void finish(long id, String status, String error) {
        jdbc.sql("update mpi_scan_run set status = ?, finished_at = ?, error = ? where id = ?")
                .params(status, Rows.utc(clock.instant()), error, id).update();
    }

    /** A new run's row; for a scheduled day, empty when that day has its run already. */
    private Optional<Long> claim(Trigger trigger, LocalDate day) {
        return jdbc.sql("""
                insert into mpi_scan_run (trigger, started_by, scheduled_for, started_at, phase) values (?, ?, ?, ?, 'waiting to start')
                on conflict (scheduled_for) do nothing returning id""")
                .params(trigger.name(), Actor.current(), day, Rows.utc(clock.instant())).query(Long.class).optional();
    }

    private boolean lockFree() {
        return locks.runAlone(LOCK, () -> { });
    }

    private Optional<Run> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from mpi_scan_run where id = ?").param(id).query(this::run).optional();
    }

    private static Run interrupted(Run r) {
        return new Run(r.id(), r.trigger(), r.startedBy(), r.startedAt(), null, "INTERRUPTED", null, r.registrations(),
                r.comparedPairs(), r.linkPairs(), r.reviewPairs(), r.newPairs(), r.seconds(), "its instance stopped before it ended");
    }

    private Run run(ResultSet rs, int row) throws SQLException {
        return new Run(rs.getLong("id"), Trigger.valueOf(rs.getString("trigger")), rs.getString("started_by"),
                Rows.instant(rs, "started_at"), Rows.instant(rs, "finished_at"), rs.getString("status"), rs.getString("phase"),
                (Integer) rs.getObject("registrations"), Rows.longOrNull(rs, "compared_pairs"), (Integer) rs.getObject("link_pairs"),
                (Integer) rs.getObject("review_pairs"), (Integer) rs.getObject("new_pairs"), (Double) rs.getObject("seconds"),
                rs.getString("error"));
    }
}
