package org.custodian.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.custodian.audit.AuditEntry;

/**
 * The chain's hash: SHA-256 over the predecessor's hash and every field of the event in a fixed,
 * length-prefixed encoding, so no two different events can encode alike and the sequence
 * number itself is bound into the hash (a reordered event no longer matches).
 */
final class AuditHasher {

    static final byte[] GENESIS = new byte[32];

    private final MessageDigest digest;

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
            digest.update((byte) 1);
            putLong(patientId);
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
        digest.update((byte) (v >>> 24));
        digest.update((byte) (v >>> 16));
        digest.update((byte) (v >>> 8));
        digest.update((byte) v);
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }
}
