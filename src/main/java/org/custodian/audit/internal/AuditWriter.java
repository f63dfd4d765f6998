package org.custodian.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.custodian.SingleWriter;
import org.custodian.audit.AuditEntry;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends events to the chain with group commit: callers hand their events to one writer thread
 * and wait; the writer takes everything queued (up to a batch limit), links it to the chain's
 * head, inserts it in one transaction and then releases every caller. Concurrent callers share
 * a commit instead of queueing on one, and nobody returns before their event is durable.
 * A PostgreSQL advisory lock keeps the chain linear when several Custodian instances share a
 * database. HIPAA 45 CFR 164.312(b): an access is recorded before the caller may go on, and
 * 164.312(c)(1): every event is bound into the hash chain as it is written.
 */
@Component
class AuditWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
    /** Advisory lock key for the chain head ("AUDT"). */
    private static final long CHAIN_LOCK = 0x41554454L;

    private static final String LOCK_AND_HEAD = "select pg_advisory_xact_lock(" + CHAIN_LOCK + ");"
            + " select seq, hash from audit_event order by seq desc limit 1";
    /** Up to this many events a plain INSERT (one round trip) beats COPY (two). */
    private static final int INSERT_MAX_ROWS = 16;
    private static final String COPY = """
            copy audit_event (seq, occurred_at, username, roles, patient_id, resource_type, resource_id, action,
                              purpose, client_address, outcome, detail, prev_hash, hash)
            from stdin with (format binary)""";
    private static final String INSERT = """
            insert into audit_event (seq, occurred_at, username, roles, patient_id, resource_type,
                resource_id, action, purpose, client_address, outcome, detail, prev_hash, hash)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private record Pending(List<AuditEntry> entries, CompletableFuture<Void> done) {
    }

    /** The caller's transaction (in-transaction appends). */
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    /** The writer thread's own connections, never the application pool's (see DatabaseConfiguration#auditDataSource). */
    private final JdbcTemplate ownJdbc;
    private final TransactionTemplate ownTx;
    private final int maxBatch;
    /** The writer thread's own (in-transaction appends bring theirs). */
    private final AuditHasher hasher = new AuditHasher();
    private final CopyRows rows = new CopyRows();
    private final SingleWriter<Pending> writer;

    @org.springframework.beans.factory.annotation.Autowired
    AuditWriter(JdbcTemplate jdbc, TransactionTemplate tx,
                @org.springframework.beans.factory.annotation.Qualifier("auditDataSource") javax.sql.DataSource own,
                AuditSettings settings) {
        this(jdbc, tx, new JdbcTemplate(own),
                new TransactionTemplate(new org.springframework.jdbc.support.JdbcTransactionManager(own)), settings.maxBatch());
    }

    /** One pool for both (a second instance in tests). */
    AuditWriter(JdbcTemplate jdbc, TransactionTemplate tx, int maxBatch) {
        this(jdbc, tx, jdbc, tx, maxBatch);
    }

    private AuditWriter(JdbcTemplate jdbc, TransactionTemplate tx, JdbcTemplate ownJdbc, TransactionTemplate ownTx, int maxBatch) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.ownJdbc = ownJdbc;
        this.ownTx = ownTx;
        this.maxBatch = maxBatch;
        this.writer = new SingleWriter<>("audit-writer", maxBatch, p -> p.entries().size(), this::writeAndRelease);
    }

    void append(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Pending pending = new Pending(List.copyOf(entries), new CompletableFuture<>());
        writer.submit(pending);
        try {
            pending.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the audit log", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the audit log could not record the event", e.getCause());
        }
    }

    /**
     * Links and stores the events in the caller's transaction (see
     * {@link org.custodian.audit.AuditLog#appendInTransaction}): the chain lock taken here is held
     * until that transaction ends, so the chain stays linear, and the events are durable exactly
     * when the caller's changes are.
     *
     * <p>No Java lock here, only the chain's PostgreSQL lock (with a hasher and buffer of this call's
     * own): a caller appends twice in one transaction (an HL7 batch: the ADT's events, then an ORU's
     * import), and between the two the writer thread may be waiting for the chain lock this
     * transaction holds. Had the second append to wait for a lock the writer holds meanwhile, neither
     * would ever go on (found by bench/load.sh: the MLLP feed stopped acknowledging for good).
     */
    void appendInTransaction(List<AuditEntry> entries) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("appendInTransaction needs the caller's transaction");
        }
        if (entries.isEmpty()) {
            return;
        }
        write(List.of(new Pending(List.copyOf(entries), null)), new AuditHasher(), new CopyRows(), tx, jdbc);
    }

    /**
     * Writes a group in one commit and releases its callers. If the group fails because of what
     * is in it, each caller's events are retried in a commit of their own, so that one event the
     * database refuses fails only its own caller and never costs the others their audit record
     * (HIPAA 45 CFR 164.312(b)). If the database itself is unavailable, everyone fails at once
     * rather than one connection timeout after another.
     */
    private void writeAndRelease(List<Pending> batch) {
        try {
            write(batch, hasher, rows, ownTx, ownJdbc);
            batch.forEach(p -> p.done().complete(null));
            return;
        } catch (RuntimeException | Error e) {
            if (batch.size() == 1 || !causedByContent(e)) {
                batch.forEach(p -> fail(p, e));
                return;
            }
        }
        for (Pending pending : batch) {
            try {
                write(List.of(pending), hasher, rows, ownTx, ownJdbc);
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

    /** A problem with the events (data exception, integrity violation, unencodable value), not with the database. */
    private static boolean causedByContent(Throwable e) {
        String state = sqlState(e);
        if (state == null) {
            return !(e instanceof DataAccessException) && !(e instanceof TransactionException);
        }
        return state.startsWith("22") || state.startsWith("23");
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /**
     * One commit: take the chain lock, read the head (inside the lock, so another instance's
     * appends are seen), link and hash the events, store them. Small groups go as one batched
     * INSERT (one round trip); larger ones as a binary COPY, which PostgreSQL ingests several
     * times faster than INSERT for bulk appends.
     */
    private void write(List<Pending> batch, AuditHasher hasher, CopyRows rows, TransactionTemplate tx, JdbcTemplate jdbc) {
        tx.executeWithoutResult(status -> jdbc.execute((ConnectionCallback<Void>) c -> {
            long seq = 0;
            byte[] prev = AuditHasher.GENESIS;
            // Two statements, one round trip. Under READ COMMITTED the second takes its snapshot
            // only after the first has the lock, so it sees every append committed before ours.
            try (Statement s = c.createStatement()) {
                s.execute(LOCK_AND_HEAD);
                if (!s.getMoreResults()) {
                    throw new IllegalStateException("no head query result");
                }
                try (ResultSet rs = s.getResultSet()) {
                    if (rs.next()) {
                        seq = rs.getLong(1);
                        prev = rs.getBytes(2);
                    }
                }
            }
            rows.reset();
            List<byte[]> links = new ArrayList<>();
            links.add(prev);
            for (Pending pending : batch) {
                for (AuditEntry e : pending.entries()) {
                    prev = rows.add(++seq, e, prev, hasher);
                    links.add(prev);
                }
            }
            rows.finish();
            if (rows.rows() <= INSERT_MAX_ROWS) {
                insert(c, batch, seq - rows.rows(), links);
            } else {
                CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
                try {
                    copy.writeToCopy(rows.buffer(), 0, rows.size());
                    copy.endCopy();
                } finally {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
            }
            return null;
        }));
    }

    private static void insert(Connection c, List<Pending> batch, long firstSeqMinusOne, List<byte[]> links)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            long seq = firstSeqMinusOne;
            int i = 0;
            for (Pending pending : batch) {
                for (AuditEntry e : pending.entries()) {
                    ps.setLong(1, ++seq);
                    ps.setObject(2, e.occurredAt().atOffset(ZoneOffset.UTC));
                    ps.setString(3, e.username());
                    ps.setString(4, e.roles());
                    if (e.patientId() == null) {
                        ps.setNull(5, Types.BIGINT);
                    } else {
                        ps.setLong(5, e.patientId());
                    }
                    ps.setString(6, e.resourceType());
                    ps.setString(7, e.resourceId());
                    ps.setString(8, e.action().name());
                    ps.setString(9, e.purpose());
                    ps.setString(10, e.clientAddress());
                    ps.setString(11, e.outcome().name());
                    ps.setString(12, e.detail());
                    ps.setBytes(13, links.get(i));
                    ps.setBytes(14, links.get(i + 1));
                    ps.addBatch();
                    i++;
                }
            }
            ps.executeBatch();
        }
    }

    @Override
    public void start() {
        writer.start();
    }

    @Override
    public void stop() {
        writer.stop(Duration.ofSeconds(10));
    }

    @Override
    public boolean isRunning() {
        return writer.isRunning();
    }

    @Override
    public int getPhase() {
        // Stop after the web server, so requests in flight are audited.
        return Integer.MIN_VALUE + 1000;
    }
}
