package org.custodian.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.custodian.audit.AuditEntry;

/**
 * Events encoded as PostgreSQL's binary COPY rows of audit_event, in column order (seq,
 * occurred_at, username, roles, patient_id, resource_type, resource_id, action, purpose,
 * client_address, outcome, detail, prev_hash, hash), each hashed from its own encoded bytes with
 * {@link AuditHasher#hashCopyRow} — the very computation the verifier repeats on the bytes it
 * reads back, so writer and verifier cannot drift apart.
 */
final class CopyRows {

    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    static final int FIELDS = 14;

    private final int[] field = new int[FIELDS];
    private byte[] buf = new byte[64 * 1024];
    private int size;
    private int rows;

    /** Starts a new COPY stream: the signature, no flags, no header extension. */
    void reset() {
        if (buf.length > 4 << 20) {
            buf = new byte[64 * 1024]; // one huge appendAll should not pin its buffer for good
        }
        size = 0;
        rows = 0;
        put(SIGNATURE, 0, SIGNATURE.length);
        putInt(0);
        putInt(0);
    }

    /** Encodes one event at {@code seq} linked to {@code prevHash}; returns its hash. */
    byte[] add(long seq, AuditEntry e, byte[] prevHash, AuditHasher hasher) {
        putShort(FIELDS);
        field[0] = size;
        putInt(8);
        putLong(seq);
        field[1] = size;
        putInt(8);
        putLong(ChronoUnit.MICROS.between(Instant.EPOCH, e.occurredAt()) - AuditHasher.PG_EPOCH_MICROS);
        field[2] = size;
        putText(e.username());
        field[3] = size;
        putText(e.roles());
        field[4] = size;
        if (e.patientId() == null) {
            putInt(-1);
        } else {
            putInt(8);
            putLong(e.patientId());
        }
        field[5] = size;
        putText(e.resourceType());
        field[6] = size;
        putText(e.resourceId());
        field[7] = size;
        putText(e.action().name());
        field[8] = size;
        putText(e.purpose());
        field[9] = size;
        putText(e.clientAddress());
        field[10] = size;
        putText(e.outcome().name());
        field[11] = size;
        putText(e.detail());
        field[12] = size;
        putInt(32);
        put(prevHash, 0, 32);
        byte[] hash = new byte[AuditHasher.HASH_BYTES];
        hasher.hashCopyRow(prevHash, buf, field, hash, 0);
        field[13] = size;
        putInt(32);
        put(hash, 0, 32);
        rows++;
        return hash;
    }

    /** Ends the stream with the trailer. */
    void finish() {
        putShort(-1);
    }

    byte[] buffer() {
        return buf;
    }

    int size() {
        return size;
    }

    int rows() {
        return rows;
    }

    private void putText(String s) {
        if (s == null) {
            putInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        put(bytes, 0, bytes.length);
    }

    private void putShort(int v) {
        grow(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void putInt(int v) {
        grow(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    private void put(byte[] b, int from, int length) {
        grow(length);
        System.arraycopy(b, from, buf, size, length);
        size += length;
    }

    private void grow(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(size + n, buf.length * 2));
        }
    }
}
