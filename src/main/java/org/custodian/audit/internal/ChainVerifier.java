package org.custodian.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.custodian.audit.ChainVerification;
import org.springframework.stereotype.Component;

/**
 * Walks the chain in sequence order and reports the first broken link: a missing sequence
 * number (an event deleted), a stored predecessor hash that is not the previous event's hash, or
 * an event whose recomputed hash differs from the stored one (a field changed, or events
 * reordered — the sequence number is part of the hash).
 */
@Component
class ChainVerifier {

    private static final String SELECT = """
            select seq, occurred_at, username, roles, patient_id, resource_type, resource_id, action,
                   purpose, client_address, outcome, detail, prev_hash, hash
            from audit_event order by seq""";

    /** The walk's result and, when asked, the stored hash found at one sequence number. */
    record Walk(ChainVerification result, String hashAtSeq) {
    }

    private final DataSource dataSource;

    ChainVerifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Walk walk(long watchSeq) {
        long started = System.nanoTime();
        AuditHasher hasher = new AuditHasher();
        long events = 0;
        long expectedSeq = 1;
        byte[] prev = AuditHasher.GENESIS;
        String hashAtSeq = null;
        // Inside a caller's transaction (a test that tampers and rolls back), read what it sees.
        Connection c = DataSourceUtils.getConnection(dataSource);
        boolean managed = DataSourceUtils.isConnectionTransactional(c, dataSource);
        try {
            boolean autoCommit = c.getAutoCommit();
            if (!managed) {
                c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
                c.setReadOnly(true);
            }
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                ps.setFetchSize(20_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long seq = rs.getLong(1);
                        if (seq != expectedSeq) {
                            return broken(expectedSeq, events, "event " + expectedSeq + " is missing (next found: " + seq + ")", started, hashAtSeq);
                        }
                        byte[] storedPrev = rs.getBytes(13);
                        byte[] stored = rs.getBytes(14);
                        if (!Arrays.equals(storedPrev, prev)) {
                            return broken(seq, events, "event " + seq + " does not link to its predecessor", started, hashAtSeq);
                        }
                        long patient = rs.getLong(5);
                        Long patientId = rs.wasNull() ? null : patient;
                        byte[] computed = hasher.hash(seq, rs.getObject(2, OffsetDateTime.class).toInstant(),
                                rs.getString(3), rs.getString(4), patientId, rs.getString(6), rs.getString(7),
                                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                                rs.getString(12), storedPrev);
                        if (!Arrays.equals(computed, stored)) {
                            return broken(seq, events, "event " + seq + " was altered (its hash does not match its content)", started, hashAtSeq);
                        }
                        if (seq == watchSeq) {
                            hashAtSeq = HexFormat.of().formatHex(stored);
                        }
                        prev = stored;
                        events++;
                        expectedSeq++;
                    }
                }
            } finally {
                if (!managed) {
                    c.rollback();
                    c.setReadOnly(false);
                    c.setAutoCommit(autoCommit);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit log: " + e.getSQLState(), e);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
        return new Walk(new ChainVerification(true, events, null, null, millisSince(started)), hashAtSeq);
    }

    private static Walk broken(long seq, long events, String problem, long started, String hashAtSeq) {
        return new Walk(new ChainVerification(false, events, seq, problem, millisSince(started)), hashAtSeq);
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
