package org.custodian.audit.internal;

import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.custodian.audit.AuditEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends events to the chain with group commit: callers hand their events to one writer thread
 * and wait; the writer takes everything queued (up to a batch limit), links it to the chain's
 * head, inserts it in one transaction and then releases every caller. Concurrent callers share
 * a commit instead of queueing on one, and nobody returns before their event is durable.
 * A PostgreSQL advisory lock keeps the chain linear when several Custodian instances share a
 * database.
 */
@Component
class AuditWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
    /** Advisory lock key for the chain head ("AUDT"). */
    private static final long CHAIN_LOCK = 0x41554454L;

    private static final String INSERT = """
            insert into audit_event (seq, occurred_at, username, roles, patient_id, resource_type,
                resource_id, action, purpose, client_address, outcome, detail, prev_hash, hash)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private record Pending(List<AuditEntry> entries, CompletableFuture<Void> done) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final int maxBatch;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AuditHasher hasher = new AuditHasher();
    private volatile Thread thread;

    AuditWriter(JdbcTemplate jdbc, TransactionTemplate tx, @Value("${custodian.audit.max-batch:5000}") int maxBatch) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.maxBatch = maxBatch;
    }

    void append(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Pending pending = new Pending(List.copyOf(entries), new CompletableFuture<>());
        if (thread == null) {
            // Before start-up or after shutdown: write on the caller's thread.
            writeAndRelease(List.of(pending));
        } else {
            queue.add(pending);
        }
        try {
            pending.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the audit log", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the audit log could not record the event", e.getCause());
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                Pending first = queue.take();
                batch.add(first);
                int events = first.entries().size();
                Pending next;
                while (events < maxBatch && (next = queue.poll()) != null) {
                    batch.add(next);
                    events += next.entries().size();
                }
                writeAndRelease(batch);
                batch.clear();
            } catch (InterruptedException e) {
                drainOnShutdown();
                return;
            }
        }
    }

    /**
     * Writes a group in one commit and releases its callers. If the group fails, each caller's
     * events are retried in a commit of their own, so that one event the database refuses fails
     * only its own caller and never costs the others their audit record (HIPAA 45 CFR 164.312(b)).
     */
    private void writeAndRelease(List<Pending> batch) {
        try {
            synchronized (hasher) {
                write(batch);
            }
            batch.forEach(p -> p.done().complete(null));
            return;
        } catch (RuntimeException | Error e) {
            if (batch.size() == 1) {
                fail(batch.get(0), e);
                return;
            }
        }
        for (Pending pending : batch) {
            try {
                synchronized (hasher) {
                    write(List.of(pending));
                }
                pending.done().complete(null);
            } catch (RuntimeException | Error e) {
                fail(pending, e);
            }
        }
    }

    /**
     * Fails one caller. Neither the log line nor the exception carries the driver's message: it
     * can quote the statement's parameters, that is, patient data (no PHI in logs).
     */
    private static void fail(Pending pending, Throwable e) {
        String state = sqlState(e);
        log.error("Audit append of {} event(s) failed: {}{}", pending.entries().size(), e.getClass().getSimpleName(),
                state == null ? "" : " (SQLState " + state + ")");
        pending.done().completeExceptionally(new IllegalStateException("audit append failed: "
                + e.getClass().getSimpleName() + (state == null ? "" : " (SQLState " + state + ")")));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private void drainOnShutdown() {
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            writeAndRelease(rest);
        }
    }

    private void write(List<Pending> batch) {
        tx.executeWithoutResult(status -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?)::text", String.class, CHAIN_LOCK);
            List<Object[]> head = jdbc.query("select seq, hash from audit_event order by seq desc limit 1",
                    (rs, i) -> new Object[] {rs.getLong(1), rs.getBytes(2)});
            long seq = head.isEmpty() ? 0 : (Long) head.get(0)[0];
            byte[] prev = head.isEmpty() ? AuditHasher.GENESIS : (byte[]) head.get(0)[1];
            List<Object[]> rows = new ArrayList<>();
            for (Pending pending : batch) {
                for (AuditEntry e : pending.entries()) {
                    seq++;
                    byte[] hash = hasher.hash(seq, e, prev);
                    rows.add(new Object[] {seq, e.occurredAt().atOffset(ZoneOffset.UTC), e.username(), e.roles(),
                            e.patientId(), e.resourceType(), e.resourceId(), e.action().name(), e.purpose(),
                            e.clientAddress(), e.outcome().name(), e.detail(), prev, hash});
                    prev = hash;
                }
            }
            jdbc.batchUpdate(INSERT, rows, new int[] {Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE,
                    Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                    Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BINARY, Types.BINARY});
        });
    }

    @Override
    public void start() {
        Thread t = new Thread(this::run, "audit-writer");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // A caller that queued while the writer was stopping is still written, here.
            drainOnShutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    @Override
    public int getPhase() {
        // Stop after the web server, so requests in flight are audited.
        return Integer.MIN_VALUE + 1000;
    }
}
