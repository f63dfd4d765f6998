package org.custodian.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditOutcome;
import org.junit.jupiter.api.Test;

/**
 * The chain's encoding is a stored format: every verification ever after depends on it. These
 * vectors were computed independently (Python hashlib over the documented layout) and pin it.
 */
class AuditHasherTest {

    static final Instant AT = Instant.parse("2026-01-02T03:04:05.123456Z");

    @Test
    void knownAnswers() {
        AuditHasher hasher = new AuditHasher();
        byte[] first = hasher.hash(1, new AuditEntry(AT, "test-user", "AUDITOR,CODER", 42L, "Patient", "42",
                AuditAction.READ, "TREAT", "127.0.0.1", AuditOutcome.SUCCESS, "caf\u00e9"), AuditHasher.GENESIS);
        assertThat(HexFormat.of().formatHex(first))
                .isEqualTo("6b9073d0fc5d4728eb2097464a8c0cec5239ba5f3ce398d9577fb38caaa5cf1a");
        byte[] second = hasher.hash(2, new AuditEntry(AT, "system", null, null, null, null,
                AuditAction.LOGIN, "HOPERAT", null, AuditOutcome.FAILURE, null), first);
        assertThat(HexFormat.of().formatHex(second))
                .isEqualTo("5c23e0fd7d851a805cab9e29a2143bdb79733de67ae71fda328baca405c3ca8f");
    }

    @Test
    void fieldBoundariesAndNullsCannotBeConfused() {
        AuditHasher hasher = new AuditHasher();
        byte[] a = hasher.hash(7, AT, "ab", "c", null, null, null, "READ", null, null, "SUCCESS", null, AuditHasher.GENESIS);
        byte[] b = hasher.hash(7, AT, "a", "bc", null, null, null, "READ", null, null, "SUCCESS", null, AuditHasher.GENESIS);
        byte[] nullDetail = hasher.hash(7, AT, "a", "bc", null, null, null, "READ", null, null, "SUCCESS", "", AuditHasher.GENESIS);
        byte[] noPatient = hasher.hash(7, AT, "a", "bc", 0L, null, null, "READ", null, null, "SUCCESS", null, AuditHasher.GENESIS);
        byte[] otherSeq = hasher.hash(8, AT, "ab", "c", null, null, null, "READ", null, null, "SUCCESS", null, AuditHasher.GENESIS);
        assertThat(a).isNotEqualTo(b);
        assertThat(b).isNotEqualTo(nullDetail);
        assertThat(b).isNotEqualTo(noPatient);
        assertThat(a).isNotEqualTo(otherSeq);
        // The hasher is reused across events: no state leaks from one hash into the next.
        assertThat(hasher.hash(7, AT, "ab", "c", null, null, null, "READ", null, null, "SUCCESS", null, AuditHasher.GENESIS))
                .isEqualTo(a);
    }
}
