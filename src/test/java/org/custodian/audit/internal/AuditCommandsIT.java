package org.custodian.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.custodian.CliCommand;
import org.custodian.audit.AuditCheckpoint;
import org.custodian.audit.AuditLog;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/** {@code custodian verify-audit [CHECKPOINT]} and {@code custodian audit-checkpoint FILE}: exit codes and output. */
@CustodianTest
@ExtendWith(OutputCaptureExtension.class)
class AuditCommandsIT {

    @Autowired ApplicationContext context;
    @Autowired AuditLog log;
    @Autowired DataSource dataSource;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JsonMapper json;

    CliCommand verify;
    CliCommand checkpoint;
    @Autowired AuditCheckpoints checkpoints;
    AuditTamper tamper;

    @BeforeEach
    void commands() {
        verify = command("verify-audit");
        checkpoint = command("audit-checkpoint");
        tamper = new AuditTamper(dataSource, transactions);
    }

    @Test
    void verifyAuditSaysIntactAndExitsZero(CapturedOutput out) throws Exception {
        assertThat(verify.run(new String[0])).isZero();
        assertThat(out.getOut()).containsPattern("audit chain intact: \\d+ events verified in \\d+ ms");
    }

    @Test
    void verifyAuditNamesTheFirstBrokenEventAndExitsOne(CapturedOutput out) throws Exception {
        long victim = tamper.appendMarked(log, 3).get(1);
        int status = tamper.rolledBack(
                jdbc -> jdbc.update("update audit_event set detail = 'x' where seq = ?", victim), () -> run(verify));
        assertThat(status).isEqualTo(1);
        assertThat(out.getOut()).contains("audit chain BROKEN at event " + victim + ":");
        assertThat(verify.run(new String[0])).as("rolled back").isZero();
    }

    @Test
    void auditCheckpointWritesASignedCheckpointThatVerifyAuditAccepts(@TempDir Path dir, CapturedOutput out) throws Exception {
        Path file = dir.resolve("checkpoint.json");
        assertThat(checkpoint.run(new String[] {file.toString()})).isZero();
        AuditCheckpoint written = json.readValue(Files.readString(file), AuditCheckpoint.class);
        assertThat(out.getOut()).contains("checkpoint at event " + written.seq() + " written to " + file);
        assertThat(log.verify(written).valid()).isTrue();

        assertThat(verify.run(new String[] {file.toString()})).isZero();
        assertThat(out.getOut()).contains("checkpoint at event " + written.seq() + ": matches");
    }

    @Test
    void verifyAuditRejectsAnAlteredCheckpointFile(@TempDir Path dir, CapturedOutput out) throws Exception {
        Path file = dir.resolve("checkpoint.json");
        assertThat(checkpoint.run(new String[] {file.toString()})).isZero();
        AuditCheckpoint written = json.readValue(Files.readString(file), AuditCheckpoint.class);
        String otherHead = (written.headHash().charAt(5) == 'a' ? "b" : "a");
        AuditCheckpoint altered = new AuditCheckpoint(written.seq(),
                written.headHash().substring(0, 5) + otherHead + written.headHash().substring(6),
                written.createdAt(), written.publicKey(), written.signature());
        Files.writeString(file, json.writeValueAsString(altered));

        assertThat(verify.run(new String[] {file.toString()})).isEqualTo(1);
        assertThat(out.getOut()).contains("checkpoint at event " + written.seq() + ": REJECTED - checkpoint signature does not match");
    }

    @Test
    void auditCheckpointNeedsAFileAndRefusesToVouchForABrokenChain(@TempDir Path dir, CapturedOutput out) throws Exception {
        assertThat(checkpoint.run(new String[0])).isEqualTo(2);
        assertThat(out.getErr()).contains("usage: audit-checkpoint FILE");

        long victim = tamper.appendMarked(log, 2).get(0);
        Path file = dir.resolve("never.json");
        tamper.rolledBack(jdbc -> jdbc.update("delete from audit_event where seq = ?", victim), () -> {
            assertThatThrownBy(() -> checkpoint.run(new String[] {file.toString()}))
                    .hasMessageContaining("broken at event " + victim);
            return null;
        });
        assertThat(file).doesNotExist();
        // The refusal raised the integrity alarm; the deletion was rolled back, and the next check clears it.
        assertThat(checkpoints.check(false).valid()).isTrue();
    }

    private int run(CliCommand command) {
        try {
            return command.run(new String[0]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private CliCommand command(String name) {
        List<CliCommand> found = context.getBeansOfType(CliCommand.class).values().stream()
                .filter(c -> c.name().equals(name)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
