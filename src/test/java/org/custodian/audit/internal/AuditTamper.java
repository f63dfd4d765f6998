package org.custodian.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditOutcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plays the attacker with full database access: changes stored audit events behind the
 * application's back, bypassing the append-only trigger with {@code session_replication_role =
 * replica} (the test database user is a superuser, as a real attacker with the table owner's
 * rights would be). All tests share one database, so every tampering is undone: either rolled back
 * (when only this thread needs to see it) or committed and then restored (when the HTTP server's
 * own connections must see it).
 *
 * <p>Locks: the audit writer takes {@code pg_advisory_xact_lock} and inserts above the head. A
 * tampering that is rolled back touches only rows below the head and never appends inside its
 * transaction, so the writer is never blocked by it; a chain rewrite takes the writer's advisory lock
 * for its short transaction so that no append can link to a half-rewritten head.
 */
final class AuditTamper {

    /** Every column of a stored event. */
    record Row(long seq, OffsetDateTime occurredAt, String username, String roles, Long patientId,
               String resourceType, String resourceId, String action, String purpose, String clientAddress,
               String outcome, String detail, byte[] prevHash, byte[] hash) {

        Row withDetail(String newDetail) {
            return new Row(seq, occurredAt, username, roles, patientId, resourceType, resourceId, action, purpose,
                    clientAddress, outcome, newDetail, prevHash, hash);
        }
    }

    private static final long CHAIN_LOCK = 0x41554454L;
    private static final String COLUMNS = """
            seq, occurred_at, username, roles, patient_id, resource_type, resource_id, action, purpose,
            client_address, outcome, detail, prev_hash, hash""";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate tx;

    AuditTamper(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.tx = new TransactionTemplate(transactions);
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    /**
     * Appends {@code n} synthetic events (every field filled, so any field can be flipped), then
     * one more so that none of them is the chain's head, and returns their sequence numbers.
     */
    List<Long> appendMarked(AuditLog log, int n) {
        String marker = "tamper-" + UUID.randomUUID();
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(new AuditEntry(Instant.now(), "test-tamper", "AUDITOR,CODER", 900_000L + i, "Patient",
                    String.valueOf(900_000 + i), AuditAction.READ, "TREAT", "192.0.2.1", AuditOutcome.SUCCESS,
                    marker + " #" + i));
        }
        log.appendAll(entries);
        log.append(new AuditEntry(Instant.now(), "test-tamper", "AUDITOR", null, null, null, AuditAction.READ,
                "TREAT", "192.0.2.1", AuditOutcome.SUCCESS, marker + " trailer"));
        List<Long> seqs = jdbc.queryForList(
                "select seq from audit_event where detail like ? and detail not like '% trailer' order by seq",
                Long.class, marker + " #%");
        assertThat(seqs).hasSize(n);
        return seqs;
    }

    /**
     * Tampers inside a transaction, runs the check in that same transaction (the verifier reads
     * through DataSourceUtils, so it sees the tampering) and rolls everything back.
     */
    <T> T rolledBack(Consumer<JdbcTemplate> tamper, Supplier<T> check) {
        return tx.execute(status -> {
            asAttacker();
            try {
                tamper.accept(jdbc);
                return check.get();
            } finally {
                status.setRollbackOnly();
            }
        });
    }

    /**
     * Tampers and commits, so that other connections (the HTTP server's) see it, runs the check,
     * then puts the original rows of {@code seqs} back. The check may append (a verify over HTTP
     * is itself audited): appends go above the head, which no tampering here touches.
     */
    <T> T committedThenRestored(Collection<Long> seqs, Consumer<JdbcTemplate> tamper, Supplier<T> check) {
        long head = head();
        assertThat(seqs).allMatch(s -> s < head);
        List<Row> original = rows(seqs);
        tx.executeWithoutResult(status -> {
            asAttacker();
            tamper.accept(jdbc);
        });
        try {
            return check.get();
        } finally {
            tx.executeWithoutResult(status -> {
                asAttacker();
                List<Long> both = new ArrayList<>(seqs);
                seqs.forEach(s -> both.add(-s));
                named.update("delete from audit_event where seq in (:seqs)", java.util.Map.of("seqs", both));
                insert(original);
            });
        }
    }

    /**
     * Rewrites the chain from {@code fromSeq} to the head consistently: changes the content of
     * the events as told and recomputes every following hash, so that the chain alone looks intact.
     * Holds the writer's advisory lock while doing so (and appends nothing), then commits.
     */
    void rewriteFrom(long fromSeq, UnaryOperator<Row> change) {
        tx.executeWithoutResult(status -> {
            asAttacker();
            jdbc.queryForObject("select pg_advisory_xact_lock(?)::text", String.class, CHAIN_LOCK);
            byte[] prev = fromSeq == 1 ? AuditHasher.GENESIS
                    : jdbc.queryForObject("select hash from audit_event where seq = ?", byte[].class, fromSeq - 1);
            AuditHasher hasher = new AuditHasher();
            List<Object[]> updates = new ArrayList<>();
            for (Row r : jdbc.query("select " + COLUMNS + " from audit_event where seq >= ? order by seq",
                    AuditTamper::row, fromSeq)) {
                Row c = change.apply(r);
                byte[] hash = hasher.hash(c.seq(), c.occurredAt().toInstant(), c.username(), c.roles(), c.patientId(),
                        c.resourceType(), c.resourceId(), c.action(), c.purpose(), c.clientAddress(), c.outcome(),
                        c.detail(), prev);
                updates.add(new Object[] {c.detail(), prev, hash, c.seq()});
                prev = hash;
            }
            jdbc.batchUpdate("update audit_event set detail = ?, prev_hash = ?, hash = ? where seq = ?", updates);
        });
    }

    long head() {
        return jdbc.queryForObject("select coalesce(max(seq), 0) from audit_event", Long.class);
    }

    List<Row> rows(Collection<Long> seqs) {
        return named.query("select " + COLUMNS + " from audit_event where seq in (:seqs) order by seq",
                java.util.Map.of("seqs", seqs), AuditTamper::row);
    }

    /** Acts as someone who can disable the append-only trigger for this transaction, and never waits long. */
    private void asAttacker() {
        jdbc.execute("set local session_replication_role = replica");
        jdbc.execute("set local lock_timeout = '15s'");
    }

    private void insert(List<Row> rows) {
        jdbc.batchUpdate("insert into audit_event (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows.stream().map(r -> new Object[] {r.seq(), r.occurredAt().withOffsetSameInstant(ZoneOffset.UTC),
                        r.username(), r.roles(), r.patientId(), r.resourceType(), r.resourceId(), r.action(),
                        r.purpose(), r.clientAddress(), r.outcome(), r.detail(), r.prevHash(), r.hash()}).toList(),
                new int[] {Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.VARCHAR, Types.BIGINT,
                        Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                        Types.VARCHAR, Types.BINARY, Types.BINARY});
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        long patient = rs.getLong(5);
        Long patientId = rs.wasNull() ? null : patient;
        return new Row(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4),
                patientId, rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getBytes(13), rs.getBytes(14));
    }
}
