package org.custodian.privacy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Column encryption at rest (HIPAA 45 CFR 164.312(a)(2)(iv); issue 22): AES-256-GCM, key outside the database. */
class AesGcmFieldEncryptionTest {

    @TempDir Path dir;

    private AesGcmFieldEncryption withKeyFile(Path file, String previous) {
        return new AesGcmFieldEncryption(new DataKeys("", file.toString(), previous, ""));
    }

    @Test
    void roundTripsHidesThePlaintextAndNeverRepeatsACiphertext() throws Exception {
        Path file = dir.resolve("keys/data.key");
        AesGcmFieldEncryption e = withKeyFile(file, "");
        assertThat(Files.exists(file)).as("key file made at first start").isTrue();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String sealed = e.encrypt("123456789", "patient.ssn");
        assertThat(sealed).startsWith("v1:").doesNotContain("123456789").doesNotContain("6789");
        assertThat(e.encrypt("123456789", "patient.ssn")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(e.decrypt(sealed, "patient.ssn")).isEqualTo("123456789");
        assertThat(e.isCurrent(sealed)).isTrue();
        assertThat(e.encrypt(null, "patient.ssn")).isNull();
        assertThat(e.decrypt("123456789", "patient.ssn")).as("a value from before encryption reads as it is").isEqualTo("123456789");
        assertThat(e.isCurrent("123456789")).isFalse();
        assertThat(withKeyFile(file, "").decrypt(sealed, "patient.ssn")).as("the same key file at the next start").isEqualTo("123456789");
    }

    @Test
    void aValueMovedToAnotherColumnOrTamperedWithDoesNotDecrypt() {
        AesGcmFieldEncryption e = withKeyFile(dir.resolve("k"), "");
        String sealed = e.encrypt("JBSWY3DPEHPK3PXP", "staff_second_factor.secret");
        assertThatThrownBy(() -> e.decrypt(sealed, "patient.ssn")).isInstanceOf(IllegalStateException.class);
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        assertThatThrownBy(() -> e.decrypt(tampered, "staff_second_factor.secret")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRotationReadsTheOldKeyWritesTheNewAndAnotherInstallationsKeyReadsNothing() {
        Path oldFile = dir.resolve("old.key");
        AesGcmFieldEncryption before = withKeyFile(oldFile, "");
        String sealed = before.encrypt("987654321", "patient.ssn");
        byte[] fresh = new byte[32];
        new java.security.SecureRandom().nextBytes(fresh);
        AesGcmFieldEncryption after = new AesGcmFieldEncryption(
                new DataKeys(Base64.getEncoder().encodeToString(fresh), dir.resolve("unused").toString(), oldFile.toString(), ""));
        assertThat(after.isCurrent(sealed)).as("to re-encrypt").isFalse();
        assertThat(after.decrypt(sealed, "patient.ssn")).isEqualTo("987654321");
        assertThat(after.isCurrent(after.encrypt("987654321", "patient.ssn"))).isTrue();
        assertThat(after.keyedHash("987654321", "patient.ssn")).isNotEqualTo(before.keyedHash("987654321", "patient.ssn"))
                .isEqualTo(after.keyedHash("987654321", "patient.ssn")).hasSize(64);

        AesGcmFieldEncryption stranger = withKeyFile(dir.resolve("stranger.key"), "");
        assertThatThrownBy(() -> stranger.decrypt(sealed, "patient.ssn")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not configured");
    }
}
