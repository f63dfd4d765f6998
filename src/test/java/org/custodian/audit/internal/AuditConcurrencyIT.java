package org.custodian.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.ChainVerification;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many writers at once (every request thread audits) still give one linear, gap-free chain
 * with every event in it, and every caller's events in the order that caller appended them.
 */
@CustodianTest
class AuditConcurrencyIT {

    static final int THREADS = 12;
    static final int SINGLE_APPENDS = 150;
    static final int BATCHES = 10;
    static final int BATCH_SIZE = 25;

    @Autowired AuditLog log;
    @Autowired DataSource dataSource;
    @Autowired org.springframework.transaction.support.TransactionTemplate tx;

    @Test
    void concurrentAppendsMakeOneGapFreeValidChain() throws Exception {
        String run = "conc-" + UUID.randomUUID();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                int n = 0;
                for (int i = 0; i < SINGLE_APPENDS; i++) {
                    log.append(entry(run, thread, n++));
                    if (i % 15 == 0 && i / 15 < BATCHES) {
                        List<AuditEntry> batch = new ArrayList<>();
                        for (int j = 0; j < BATCH_SIZE; j++) {
                            batch.add(entry(run, thread, n++));
                        }
                        log.appendAll(batch);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        int perThread = SINGLE_APPENDS + BATCHES * BATCH_SIZE;
        for (int t = 0; t < THREADS; t++) {
            // detail is "<run> t=<thread> n=<index>": within one caller, sequence follows call order.
            List<String> details = jdbc.queryForList(
                    "select detail from audit_event where detail like ? order by seq", String.class, run + " t=" + t + " n=%");
            assertThat(details).hasSize(perThread);
            for (int n = 0; n < perThread; n++) {
                assertThat(details.get(n)).isEqualTo(run + " t=" + t + " n=" + n);
            }
        }
        Long total = jdbc.queryForObject("select count(*) from audit_event where detail like ?", Long.class, run + " %");
        assertThat(total).isEqualTo((long) THREADS * perThread);

        // Gap-free: sequence numbers are exactly 1..max.
        List<Long> shape = jdbc.query("select count(*), min(seq), max(seq) from audit_event",
                (rs, i) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).get(0);
        assertThat(shape.get(1)).isEqualTo(1L);
        assertThat(shape.get(2)).isEqualTo(shape.get(0));

        ChainVerification v = log.verify();
        assertThat(v.valid()).as("%s", v).isTrue();
        assertThat(v.events()).isGreaterThanOrEqualTo(THREADS * (long) perThread);
    }

    /**
     * Two Custodian instances on one database: a second writer with its own lock-free state,
     * serialized against this one by the PostgreSQL advisory lock alone.
     */
    @Test
    void twoWritersOnOneDatabaseStillMakeOneChain() throws Exception {
        AuditWriter otherInstance = new AuditWriter(new JdbcTemplate(dataSource), tx, 5000);
        String run = "two-" + UUID.randomUUID();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 60; i++) {
                    AuditEntry e = entry(run, thread, i);
                    if (thread % 2 == 0) {
                        log.append(e);
                    } else if (i % 10 == 0) {
                        otherInstance.append(List.of(e, entry(run, thread, 1000 + i)));
                    } else {
                        otherInstance.append(List.of(e));
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        Long stored = new JdbcTemplate(dataSource).queryForObject(
                "select count(*) from audit_event where detail like ?", Long.class, run + " %");
        assertThat(stored).isEqualTo(8 * 60L + 4 * 6L);
        ChainVerification v = log.verify();
        assertThat(v.valid()).as("%s", v).isTrue();
    }

    @Test
    void oneBadEventFailsOnlyItsOwnCallerNotTheOthersInTheSameCommit() throws Exception {
        String run = "poison-" + UUID.randomUUID();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> good = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            good.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 20; i++) {
                    log.append(entry(run, thread, i));
                }
                return null;
            }));
        }
        Future<?> bad = pool.submit(() -> {
            start.await();
            for (int i = 0; i < 20; i++) {
                // Beyond what the chain's microsecond clock and PostgreSQL can represent: never storable.
                AuditEntry poisoned = new AuditEntry(Instant.parse("+294300-01-01T00:00:00Z"), "test-writer", "CODER",
                        null, null, null, AuditAction.READ, "TREAT", null, AuditOutcome.SUCCESS, run + " bad");
                assertThatThrownBy(() -> log.append(poisoned)).isInstanceOf(IllegalStateException.class);
            }
            return null;
        });
        start.countDown();
        for (Future<?> f : good) {
            f.get(5, TimeUnit.MINUTES);
        }
        bad.get(5, TimeUnit.MINUTES);
        pool.shutdown();
        Long stored = new JdbcTemplate(dataSource).queryForObject(
                "select count(*) from audit_event where detail like ?", Long.class, run + " %");
        assertThat(stored).isEqualTo(THREADS * 20L);
        assertThat(log.verify().valid()).isTrue();
    }

    @Test
    void textPostgresCannotStoreIsRecordedWithAReplacementCharacter() {
        String run = "nul-" + UUID.randomUUID();
        // A search for "%00" and a broken surrogate pair from a client: still audited, and still verifiable.
        log.append(new AuditEntry(Instant.now(), "test-writer", "CODER", null, "Patient", "a\u0000b",
                AuditAction.SEARCH, "TREAT", null, AuditOutcome.SUCCESS, run + " q=\u0000\uD800x\uD83D\uDE00"));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("select detail from audit_event where detail like ?", String.class, run + "%"))
                .isEqualTo(run + " q=\uFFFD\uFFFDx\uD83D\uDE00");
        assertThat(jdbc.queryForObject("select resource_id from audit_event where detail like ?", String.class, run + "%"))
                .isEqualTo("a\uFFFDb");
        assertThat(log.verify().valid()).isTrue();
    }

    /**
     * Two appends in one transaction (an HL7 batch: the ADT's events, then an ORU's results imported
     * in the same transaction) while a group-commit append waits for the chain lock that transaction
     * holds: all three complete. Until 2026-12-07 the second in-transaction append waited for a Java
     * lock that the writer thread held while it waited for the chain lock, and neither ever went on
     * (bench/load.sh found the MLLP feed stalled for good). HIPAA 45 CFR 164.312(b): the feed's
     * accesses are recorded, and recording them must never stop the feed.
     */
    @Test
    void twoAppendsInOneTransactionWhileTheWriterWaitsForItDoNotDeadlock() throws Exception {
        String run = "in-tx-" + UUID.randomUUID();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        CountDownLatch firstAppended = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> inTransaction = pool.submit(() -> tx.executeWithoutResult(status -> {
            log.appendInTransaction(List.of(entry(run, 0, 0)));
            firstAppended.countDown();
            // The writer thread's append now waits for the chain lock ("AUDT") this transaction holds.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory' and not granted"
                    + " and classid = 0 and objid = ?::bigint::oid", Long.class, 0x41554454L) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the writer thread never waited for the chain lock");
                }
                Thread.onSpinWait();
            }
            log.appendInTransaction(List.of(entry(run, 0, 1)));
        }));
        assertThat(firstAppended.await(60, TimeUnit.SECONDS)).isTrue();
        Future<?> grouped = pool.submit(() -> log.append(entry(run, 1, 0)));
        inTransaction.get(60, TimeUnit.SECONDS);
        grouped.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where detail like ?", Long.class, run + " %"))
                .isEqualTo(3L);
        assertThat(log.verify().valid()).isTrue();
    }

    private static AuditEntry entry(String run, int thread, int n) {
        return new AuditEntry(Instant.now(), "test-writer-" + thread, "CODER", 1000L + thread, "Patient",
                String.valueOf(n), AuditAction.READ, "TREAT", "192.0.2.7", AuditOutcome.SUCCESS,
                run + " t=" + thread + " n=" + n);
    }
}
