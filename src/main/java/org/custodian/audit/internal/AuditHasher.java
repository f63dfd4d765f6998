package org.custodian.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.custodian.audit.AuditEntry;

/**
 * The chain's hash: SHA-256 over the predecessor's hash and every field of the event in a fixed,
 * length-prefixed encoding, so no two different events can encode alike and the sequence
 * number itself is bound into the hash (a reordered event no longer matches). HIPAA 45 CFR
 * 164.312(c)(1): this is the mechanism that makes an improper alteration of the log detectable.
 *
 * <p>The encoding (a stored format: every later verification depends on it, see AuditHasherTest):
 * <pre>
 *   prev_hash (32 bytes)
 *   seq                      int64 big-endian
 *   occurred_at              int64 big-endian, microseconds since 1970-01-01T00:00Z
 *   username, roles          each: int32 byte length (-1 for NULL), then UTF-8 bytes
 *   patient_id               0x00 for NULL, or 0x01 then int64 big-endian
 *   resource_type, resource_id, action, purpose, client_address, outcome, detail
 *                            each: int32 byte length (-1 for NULL), then UTF-8 bytes
 * </pre>
 * Text fields are encoded exactly as PostgreSQL's binary COPY sends them, which lets the verifier
 * hash stored rows straight from the wire (see {@link #hashCopyRow}).
 *
 * <p>Not thread-safe: one instance per thread.
 */
final class AuditHasher {

    static final byte[] GENESIS = new byte[32];
    static final int HASH_BYTES = 32;
    /** Microseconds from 1970-01-01 to 2000-01-01, the epoch of PostgreSQL's binary timestamps. */
    static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private final MessageDigest digest;
    private final byte[] scratch = new byte[9];

    AuditHasher() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    byte[] hash(long seq, AuditEntry e, byte[] prevHash) {
        return hash(seq, e.occurredAt(), e.username(), e.roles(), e.patientId(), e.resourceType(),
                e.resourceId(), e.action().name(), e.purpose(), e.clientAddress(), e.outcome().name(),
                e.detail(), prevHash);
    }

    byte[] hash(long seq, Instant occurredAt, String username, String roles, Long patientId,
                String resourceType, String resourceId, String action, String purpose,
                String clientAddress, String outcome, String detail, byte[] prevHash) {
        digest.reset();
        digest.update(prevHash);
        putLong(seq);
        putLong(ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt));
        putString(username);
        putString(roles);
        if (patientId == null) {
            digest.update((byte) 0);
        } else {
            scratch[0] = 1;
            putLong(scratch, 1, patientId);
            digest.update(scratch, 0, 9);
        }
        putString(resourceType);
        putString(resourceId);
        putString(action);
        putString(purpose);
        putString(clientAddress);
        putString(outcome);
        putString(detail);
        return digest.digest();
    }

    /**
     * The same hash, computed from one row of {@code COPY (select seq, occurred_at, username,
     * roles, patient_id, resource_type, ..., detail, prev_hash, hash) TO STDOUT (FORMAT binary)}
     * without decoding it: {@code field[i]} is the offset in {@code row} of field i's int32 length
     * word. The text fields' wire form (length, -1 for NULL, UTF-8 bytes under client_encoding
     * UTF8) is the chain's own encoding, so whole runs of fields are hashed in one update.
     * Writes the 32-byte hash into {@code out} at {@code outOffset}.
     */
    void hashCopyRow(byte[] prevHash, byte[] row, int[] field, byte[] out, int outOffset) {
        digest.reset();
        digest.update(prevHash);
        digest.update(row, field[0] + 4, 8); // seq, int8 big-endian
        long pgMicros = getLong(row, field[1] + 4);
        putLong(PG_EPOCH_MICROS + pgMicros);
        digest.update(row, field[2], field[4] - field[2]); // username, roles
        if (getInt(row, field[4]) < 0) {
            digest.update((byte) 0);
        } else {
            digest.update((byte) 1);
            digest.update(row, field[4] + 4, 8);
        }
        digest.update(row, field[5], field[12] - field[5]); // resource_type .. detail
        try {
            digest.digest(out, outOffset, HASH_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    static int getInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    static long getLong(byte[] b, int at) {
        return ((long) getInt(b, at) << 32) | (getInt(b, at + 4) & 0xffffffffL);
    }

    private void putString(String s) {
        if (s == null) {
            putInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        digest.update(bytes);
    }

    private void putInt(int v) {
        scratch[0] = (byte) (v >>> 24);
        scratch[1] = (byte) (v >>> 16);
        scratch[2] = (byte) (v >>> 8);
        scratch[3] = (byte) v;
        digest.update(scratch, 0, 4);
    }

    private void putLong(long v) {
        putLong(scratch, 0, v);
        digest.update(scratch, 0, 8);
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}
