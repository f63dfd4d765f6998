package org.custodian.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, finding 9: the checkpoint signing key sat beside the database. Its location is
 * {@code custodian.audit.checkpoint-key}, and a key inside the data directory is warned about.
 */
class CheckpointKeyLocationTest {

    @Test
    void theKeyIsCreatedWhereConfiguredOutsideTheDataDirectory(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path key = dir.resolve("secrets/checkpoint.key");
        CheckpointSigner signer = new CheckpointSigner(key.toString(), data.toString());
        assertThat(signer.problemWith(signer.sign(1, "00".repeat(32), Instant.EPOCH))).isNull();
        assertThat(key).exists();
        assertThat(dir.resolve("secrets/checkpoint.pub")).exists();
        assertThat(Files.list(data)).isEmpty();
    }

    @Test
    void aKeyInsideTheDataDirectoryIsRecognised(@TempDir Path dir) {
        assertThat(CheckpointSigner.insideDataDirectory(dir.resolve("data/keys/a.key"), dir.resolve("data").toString())).isTrue();
        assertThat(CheckpointSigner.insideDataDirectory(dir.resolve("data/../secrets/a.key"), dir.resolve("data").toString())).isFalse();
        assertThat(CheckpointSigner.insideDataDirectory(dir.resolve("secrets/a.key"), dir.resolve("data").toString())).isFalse();
    }
}
