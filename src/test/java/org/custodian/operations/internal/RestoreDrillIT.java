package org.custodian.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditCheckpoint;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditOutcome;
import org.custodian.support.CustodianTest;
import org.custodian.support.SecondInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * The restore drill (issue 23; HIPAA 45 CFR 164.308(a)(7)(ii)(A)-(B), data backup and disaster recovery
 * plans, and 164.312(c)(1)): back up, write more, lose the database, restore the backup into a new one,
 * verify the chain against the checkpoints, and see what was written after the backup named as lost
 * rather than silently missing.
 */
@CustodianTest
class RestoreDrillIT {

    @Autowired DatabaseBackup backup;
    @Autowired AuditLog log;
    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired Environment env;

    @Test
    void aRestoredDatabaseVerifiesAndNamesWhatWasWrittenAfterTheBackupAsLost(@TempDir Path tmp) throws Exception {
        append(3);
        AuditCheckpoint beforeBackup = log.checkpoint();
        append(2); // in the backup, but vouched for by no checkpoint in it
        Path backupDir = tmp.resolve("backup");
        DatabaseBackup.Manifest manifest = backup.backup(backupDir);
        assertThat(manifest.auditHead()).isGreaterThanOrEqualTo(beforeBackup.seq() + 2);
        assertThat(manifest.tables()).contains("audit_event", "patient");
        assertThat(Files.list(backupDir.resolve("audit-checkpoints")).count()).isPositive();
        assertThatThrownBy(() -> backup.backup(backupDir)).hasMessageContaining("not empty");

        // Written after the backup: lost with the database. A scheduled checkpoint vouched for them.
        append(4);
        AuditCheckpoint afterBackup = log.checkpoint();
        assertThat(afterBackup.seq()).isGreaterThan(manifest.auditHead());

        // Disaster: the database is gone; what survives is the backup, the checkpoint directory (outside
        // the database) and the signing key. A new instance on a new database restores.
        Path surviving = tmp.resolve("surviving-checkpoints");
        FileSystemUtils.copyRecursively(log.checkpointDirectory(), surviving);
        String database = SecondInstance.createDatabase(dataSource);
        try (ConfigurableApplicationContext restored = SecondInstance.start(dataSource, database, tmp.resolve("data").toString(),
                "--custodian.audit.checkpoints.dir=" + surviving,
                "--custodian.audit.checkpoint-key=" + keyOf(afterBackup))) {
            DatabaseBackup target = restored.getBean(DatabaseBackup.class);
            DatabaseBackup.RestoreReport r = target.restore(backupDir, true);

            assertThat(r.restoredHead()).isEqualTo(manifest.auditHead());
            assertThat(r.chain().valid()).isTrue();
            assertThat(r.againstBackupCheckpoint().valid()).as("the backup's own newest checkpoint matches").isTrue();
            assertThat(r.newestBackupCheckpoint().seq()).isGreaterThanOrEqualTo(beforeBackup.seq());
            assertThat(r.unvouchedFrom()).isLessThanOrEqualTo(manifest.auditHead());
            // Named as lost: from the event after the restored head up to the newest checkpoint's event.
            assertThat(r.lostFrom()).isEqualTo(manifest.auditHead() + 1);
            assertThat(r.lostTo()).isEqualTo(afterBackup.seq());
            assertThat(BackupCommands.describe(r)).contains("LOST: events " + (manifest.auditHead() + 1) + " to " + afterBackup.seq());

            AuditLog restoredLog = restored.getBean(AuditLog.class);
            assertThat(restoredLog.verify().valid()).isTrue();
            // Found by its own id: the restored instance's start-up work (the DRG pass reads every chart as
            // "system") can put thousands of newer system events above it.
            assertThat(restored.getBean(JdbcClient.class).sql("""
                    select detail from audit_event where username = 'system' and resource_id = 'restore' and seq > ?""")
                    .param(manifest.auditHead()).query(String.class).list()).anyMatch(d -> d.contains("lost"));
            // The restore re-anchored the checks: the restored instance goes on checkpointing.
            assertThat(restoredLog.checkpoint().seq()).isGreaterThan(manifest.auditHead());
            // The data came back too, not only the log.
            String staff = "select count(*) from staff_user";
            assertThat(restored.getBean(JdbcClient.class).sql(staff).query(Long.class).single())
                    .isEqualTo(jdbc.sql(staff).query(Long.class).single()).isPositive();
            // A second restore into a database that now holds data needs --replace.
            assertThatThrownBy(() -> target.restore(backupDir, false)).hasMessageContaining("--replace");
        } finally {
            SecondInstance.dropDatabase(dataSource, database);
        }
    }

    /**
     * The private key file that signed {@code checkpoint}: the test context's data directory holds a
     * {@code random.uuid}, which resolves anew at each lookup, so the key is found by its public half.
     */
    private Path keyOf(AuditCheckpoint checkpoint) throws java.io.IOException {
        byte[] pub = java.util.Base64.getDecoder().decode(checkpoint.publicKey());
        String configured = env.getProperty("custodian.audit.checkpoint-key");
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (var dirs = Files.list(tmp)) {
            return java.util.stream.Stream.concat(Stream.of(Path.of(configured)),
                            dirs.filter(d -> d.getFileName().toString().startsWith("custodian-test-"))
                                    .map(d -> d.resolve("keys/audit-checkpoint-ed25519.key")))
                    .filter(k -> matches(k.resolveSibling(k.getFileName().toString().replace(".key", ".pub")), pub))
                    .findFirst().orElseThrow(() -> new IllegalStateException("the test context's audit key was not found"));
        }
    }

    private static boolean matches(Path pubFile, byte[] pub) {
        try {
            return Files.exists(pubFile) && java.util.Arrays.equals(Files.readAllBytes(pubFile), pub);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void append(int n) {
        String marker = "drill-" + UUID.randomUUID();
        List<AuditEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(new AuditEntry(Instant.now(), "test-drill", "ADMIN", null, "Drill", marker, AuditAction.ADMIN,
                    null, null, AuditOutcome.SUCCESS, "drill event " + i));
        }
        log.appendAll(entries);
    }
}
