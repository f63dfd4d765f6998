package org.custodian.audit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.custodian.audit.ChainVerification;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Walks the chain in sequence order and reports the first broken link: a missing sequence
 * number (an event deleted), a stored predecessor hash that is not the previous event's hash, or
 * an event whose recomputed hash differs from the stored one (a field changed, or events
 * reordered — the sequence number is part of the hash). HIPAA 45 CFR 164.312(b) and (c)(1): the
 * audit controls are themselves checked for improper alteration.
 *
 * <p>Speed: the rows come as one binary {@code COPY ... TO STDOUT}, which PostgreSQL streams
 * without the round trips of a cursor, so the server produces rows on one core while this thread
 * hashes them on the other; the hash is computed on the wire bytes (see
 * {@link AuditHasher#hashCopyRow}), with no per-row objects. A million events take a few seconds.
 *
 * <p>It reads through {@link DataSourceUtils}, so inside a caller's transaction (a test that
 * tampers and rolls back) it sees what that transaction sees.
 */
@Component
class ChainVerifier {

    static final int FIELDS = CopyRows.FIELDS;
    private static final String COPY = """
            copy (select seq, occurred_at, username, roles, patient_id, resource_type, resource_id, action,
                         purpose, client_address, outcome, detail, prev_hash, hash
                  from audit_event %s order by seq) to stdout with (format binary)""";
    private static final byte[] SIGNATURE = CopyRows.SIGNATURE;

    /** The walk's result and, when asked, the stored hash found at one sequence number. */
    record Walk(ChainVerification result, String hashAtSeq) {
    }

    private final DataSource dataSource;

    ChainVerifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Walk walk(long watchSeq) {
        return walk(COPY.formatted(""), 0, AuditHasher.GENESIS, watchSeq, -1);
    }

    /**
     * Walks only the events after {@code afterSeq} up to {@code uptoSeq}, starting from the hash
     * {@code afterHash} that a verified anchor (a signed checkpoint) gives for {@code afterSeq}: the
     * work is the events since the anchor, not the whole log, so a scheduled check stays fast at 100M
     * events. A gap up to {@code uptoSeq} is a missing event. The result's hash is that of {@code uptoSeq}.
     */
    Walk walkFrom(long afterSeq, byte[] afterHash, long uptoSeq) {
        return walk(COPY.formatted("where seq > " + afterSeq + " and seq <= " + uptoSeq), afterSeq, afterHash,
                uptoSeq, uptoSeq);
    }

    private Walk walk(String copy, long afterSeq, byte[] afterHash, long watchSeq, long mustReach) {
        long started = System.nanoTime();
        Connection c = DataSourceUtils.getConnection(dataSource);
        try (PGCopyInputStream in = new PGCopyInputStream(c.unwrap(PGConnection.class), copy)) {
            return walk(new Rows(in), afterSeq, afterHash, watchSeq, mustReach, started);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit log: " + e.getSQLState(), e);
        } catch (IOException e) {
            throw new IllegalStateException("could not read the audit log: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    private static Walk walk(Rows rows, long afterSeq, byte[] afterHash, long watchSeq, long mustReach, long started)
            throws IOException {
        AuditHasher hasher = new AuditHasher();
        byte[] prev = afterHash.clone();
        byte[] computed = new byte[AuditHasher.HASH_BYTES];
        int[] f = rows.field;
        long events = 0;
        long expectedSeq = afterSeq + 1;
        String hashAtSeq = null;
        String problem = null;
        long brokenAt = 0;
        while (rows.next()) {
            byte[] row = rows.buf;
            if (rows.length(0) != 8 || rows.length(1) != 8 || rows.length(12) != 32 || rows.length(13) != 32) {
                // Cannot be produced by this schema; reported rather than trusted.
                problem = "event after " + (expectedSeq - 1) + " is unreadable";
                brokenAt = expectedSeq;
                break;
            }
            long seq = AuditHasher.getLong(row, f[0] + 4);
            if (seq != expectedSeq) {
                problem = "event " + expectedSeq + " is missing (next found: " + seq + ")";
                brokenAt = expectedSeq;
                break;
            }
            int storedPrev = f[12] + 4;
            int stored = f[13] + 4;
            if (!Arrays.equals(row, storedPrev, storedPrev + 32, prev, 0, 32)) {
                problem = "event " + seq + " does not link to its predecessor";
                brokenAt = seq;
                break;
            }
            hasher.hashCopyRow(prev, row, f, computed, 0);
            if (!Arrays.equals(row, stored, stored + 32, computed, 0, 32)) {
                problem = "event " + seq + " was altered (its hash does not match its content)";
                brokenAt = seq;
                break;
            }
            System.arraycopy(row, stored, prev, 0, 32);
            if (seq == watchSeq) {
                hashAtSeq = HexFormat.of().formatHex(prev);
            }
            events++;
            expectedSeq++;
        }
        if (problem == null && mustReach >= 0 && expectedSeq <= mustReach) {
            problem = "event " + expectedSeq + " is missing (the log ends before " + mustReach + ")";
            brokenAt = expectedSeq;
        }
        if (problem != null) {
            // Read to the end rather than cancel: a cancel would abort a caller's transaction.
            rows.drain();
            return new Walk(new ChainVerification(false, events, brokenAt, problem, millisSince(started)), hashAtSeq);
        }
        return new Walk(new ChainVerification(true, events, null, null, millisSince(started)), hashAtSeq);
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /**
     * A reader of PostgreSQL's binary COPY format: a signature, flags and header extension, then
     * per row an int16 field count and per field an int32 length (-1 for NULL) and that many bytes;
     * an int16 of -1 ends the data. Keeps each row contiguous in {@link #buf}; {@link #field}
     * holds the offset of each field's length word.
     */
    static final class Rows {
        final int[] field = new int[FIELDS];
        byte[] buf;
        private final InputStream in;
        private int pos;
        private int limit;
        private int rowStart;
        private boolean headerRead;
        private boolean ended;

        Rows(InputStream in) {
            this(in, 1 << 20);
        }

        Rows(InputStream in, int bufferSize) {
            this.in = in;
            this.buf = new byte[bufferSize];
        }

        boolean next() throws IOException {
            if (ended) {
                return false;
            }
            if (!headerRead) {
                header();
            }
            rowStart = pos;
            ensure(2);
            int count = (short) (((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff));
            pos += 2;
            if (count == -1) {
                ended = true;
                return false;
            }
            if (count != FIELDS) {
                throw new IOException("unexpected COPY row of " + count + " fields");
            }
            for (int i = 0; i < FIELDS; i++) {
                ensure(4);
                // Offsets are relative until the row is complete: ensure() may move the row.
                field[i] = pos - rowStart;
                int length = AuditHasher.getInt(buf, pos);
                pos += 4;
                if (length > 0) {
                    ensure(length);
                    pos += length;
                }
            }
            for (int i = 0; i < FIELDS; i++) {
                field[i] += rowStart;
            }
            return true;
        }

        int length(int i) {
            return AuditHasher.getInt(buf, field[i]);
        }

        void drain() throws IOException {
            byte[] skip = new byte[1 << 16];
            while (in.read(skip) >= 0) {
                // discard
            }
            ended = true;
        }

        private void header() throws IOException {
            ensure(SIGNATURE.length + 8);
            if (!Arrays.equals(buf, pos, pos + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
                throw new IOException("not a binary COPY stream");
            }
            pos += SIGNATURE.length + 4; // signature, flags
            int extension = AuditHasher.getInt(buf, pos);
            pos += 4;
            ensure(extension);
            pos += extension;
            headerRead = true;
        }

        /** Makes {@code n} more bytes available at {@link #pos}, keeping the current row in one piece. */
        private void ensure(int n) throws IOException {
            if (limit - pos >= n) {
                return;
            }
            int keep = limit - rowStart;
            if (rowStart + (pos - rowStart) + n > buf.length || rowStart > buf.length / 2) {
                int need = (pos - rowStart) + n;
                byte[] target = need > buf.length ? new byte[Math.max(need, buf.length * 2)] : buf;
                System.arraycopy(buf, rowStart, target, 0, keep);
                buf = target;
                pos -= rowStart;
                limit = keep;
                rowStart = 0;
            }
            while (limit - pos < n) {
                int read = in.read(buf, limit, buf.length - limit);
                if (read < 0) {
                    throw new IOException("the COPY stream ended inside a row");
                }
                limit += read;
            }
        }
    }
}
