package org.custodian.mpi.internal;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.EnumSet;
import org.custodian.Actor;
import org.custodian.audit.AuditEntry;
import org.custodian.patient.SsnColumn;
import org.custodian.privacy.Permission;
import org.custodian.privacy.SystemAccess;
import org.custodian.audit.AuditTrail;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.mpi.MasterPatientIndex;
import org.custodian.patient.NewPatient;
import org.custodian.mpi.PatientMatch;
import org.custodian.mpi.RegistrationScreen;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link RegistrationScreen} over a queue table: each queued patient is screened with
 * {@link MasterPatientIndex#likelyMatches} (the same check as the registration desk's) and every
 * likely match other than itself is proposed to the duplicate worklist; the queue row goes in the
 * same transaction, so a failed screen is retried, a finished one never repeated. A worker thread
 * drains the queue every {@code custodian.mpi.screening-interval} (default 2 s; 0 = only on demand),
 * taking at most {@code custodian.mpi.screening-share} (default 0.25) of the time while it does.
 */
@Service
class QueuedRegistrationScreen implements RegistrationScreen {

    private static final Logger log = LoggerFactory.getLogger(QueuedRegistrationScreen.class);
    private static final int BATCH = 100;
    /** What the screen asks of the index: likely matches, and pairs put on the worklist. */
    private static final java.util.Set<Permission> SCREENER = EnumSet.of(Permission.MPI_REVIEW);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final MasterPatientIndex mpi;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration interval;
    private final double share;
    private volatile ScheduledExecutorService worker;
    private final SsnColumn ssns;


    QueuedRegistrationScreen(JdbcClient jdbc, TransactionTemplate tx, MasterPatientIndex mpi, AuditTrail audit,
                             Clock clock, MpiSettings settings, SsnColumn ssns) {
        this.ssns = ssns;
        this.share = settings.screeningShare();
        this.jdbc = jdbc;
        this.tx = tx;
        this.mpi = mpi;
        this.audit = audit;
        this.clock = clock;
        this.interval = settings.screeningInterval();
    }

    @Override
    public void screenLater(long patientId) {
        jdbc.sql("insert into mpi_screening_queue (patient_id, queued_at) values (?, ?) on conflict do nothing")
                .params(patientId, clock.instant().atOffset(ZoneOffset.UTC)).update();
    }

    @Override
    public void screenLater(java.util.Collection<Long> patientIds) {
        if (!patientIds.isEmpty()) {
            jdbc.sql("""
                            insert into mpi_screening_queue (patient_id, queued_at) select id, ? from unnest(?::bigint[]) id
                            on conflict do nothing""")
                    .params(clock.instant().atOffset(ZoneOffset.UTC), patientIds.toArray(Long[]::new)).update();
        }
    }

    @Override
    public int screenQueued() {
        return SystemAccess.call(Actor.SYSTEM, SCREENER, () -> drain(1));
    }

    /**
     * Screens batch after batch until the queue is empty, pausing after each so that the screen
     * takes at most {@code share} of the time (1: no pause). Returns how many were screened.
     */
    private int drain(double share) {
        int screened = 0;
        while (worker == null || !worker.isShutdown()) {
            long started = System.nanoTime();
            Integer n = tx.execute(status -> screenBatch());
            if (n == null || n == 0) {
                return screened;
            }
            screened += n;
            Duration pause = pauseAfter(Duration.ofNanos(System.nanoTime() - started), share);
            if (!pause.isZero()) {
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return screened;
                }
            }
        }
        return screened;
    }

    /**
     * One batch in one transaction. One screener at a time (a transaction-scoped advisory lock):
     * two screeners proposing overlapping pairs in different orders would deadlock on the
     * worklist's unique pair key. A caller that finds the lock taken screens nothing this time.
     */
    private int screenBatch() {
        if (!jdbc.sql("select pg_try_advisory_xact_lock(hashtext('mpi-screening'))").query(Boolean.class).single()) {
            return 0;
        }
        List<Long> ids = jdbc.sql("""
                        select patient_id from mpi_screening_queue order by queued_at, patient_id
                        limit ? for update skip locked""")
                .param(BATCH).query(Long.class).list();
        // The batch's audit events (each check's search and reads, each pair proposed) are appended
        // together before the commit, not one audit commit per call: three per patient screened made
        // the screen, which runs behind the HL7 feed, the audit log's busiest writer (measured).
        List<AuditEntry> audited = new java.util.ArrayList<>();
        audit.collecting(audited, () -> {
            for (long id : ids) {
                registration(id).ifPresent(candidate -> {
                    for (PatientMatch match : mpi.likelyMatches(candidate)) {
                        if (match.patientId() != id) {
                            mpi.reportPossibleDuplicate(match.patientId(), id);
                        }
                    }
                });
            }
            return null;
        });
        audit.recordAll(audited);
        if (!ids.isEmpty()) {
            jdbc.sql("delete from mpi_screening_queue where patient_id = any(?)").param(ids.toArray(Long[]::new)).update();
        }
        return ids.size();
    }

    /** The stored registration as the check takes it; empty when it has since been merged away. */
    private java.util.Optional<NewPatient> registration(long id) {
        return jdbc.sql("""
                        select facility, mrn, given_name, middle_name, family_name, birth_date, sex, ssn,
                               address_line, city, state, postal_code, phone
                        from patient where id = ? and merged_into is null""")
                .param(id)
                .query((rs, i) -> new NewPatient(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, LocalDate.class), AdministrativeSex.valueOf(rs.getString(7)),
                        ssns.open(rs.getString(8)), rs.getString(9) == null && rs.getString(12) == null ? null
                                : new Address(rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)),
                        rs.getString(13), List.of()))
                .optional();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mpi-screening");
            t.setDaemon(true);
            return t;
        });
        worker.scheduleWithFixedDelay(() -> {
            try {
                // Paced: a background check with no deadline. During a burst of registrations (an HL7
                // feed catching up after an outage) the feed, whose sender waits for every
                // acknowledgement, must have the CPU; the queue keeps what is not screened yet, and at
                // the default 0.25 the screen still clears about a hundred registrations a second.
                // The system's own work: the screen asks the index's API, which checks permissions whoever calls.
                SystemAccess.run(Actor.SYSTEM, SCREENER, () -> drain(share));
            } catch (RuntimeException e) {
                // The queue keeps the rows; the next round retries. No PHI in the log: the type only.
                log.warn("MPI registration screening failed ({}); will retry", e.getClass().getSimpleName());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The pause after a batch that took {@code took}, for the screen to use {@code share} of the time. */
    static Duration pauseAfter(Duration took, double share) {
        if (share >= 1) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) (took.toNanos() * (1 - share) / share));
    }

    /** Lets a screen in progress finish (its transaction commits or rolls back) before the database goes. */
    @PreDestroy
    void stop() throws InterruptedException {
        if (worker != null) {
            worker.shutdown();
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        }
    }
}
