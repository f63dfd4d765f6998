package org.custodian.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.custodian.audit.AuditCheckpoint;
import org.custodian.audit.AuditLog;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Checkpoints nobody has to remember (issue 23), HIPAA 45 CFR 164.312(b) and (c)(1): the scheduled job
 * signs a checkpoint only over a chain that still agrees with the newest stored checkpoint and with the
 * head it last verified. A truncated tail or a consistent rewrite is refused and alarmed (health DOWN, a
 * counted failure), and no checkpoint is written. The tests drive the job themselves (its schedule is off
 * in tests): no sleeps.
 */
@CustodianTest
class AuditScheduledCheckpointsIT {

    @Autowired AuditLog log;
    @Autowired AuditCheckpoints checkpoints;
    @Autowired ScheduledCheckpoints job;
    @Autowired AuditChainHealth health;
    @Autowired CheckpointStore store;
    @Autowired ChainVerifier verifier;
    @Autowired CheckpointSigner signer;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;
    @Autowired MeterRegistry meters;
    @Autowired DataSource dataSource;
    @Autowired PlatformTransactionManager transactions;
    @Autowired Api api;
    @Autowired StaffAccounts accounts;

    AuditTamper tamper;

    @BeforeEach
    void intact() {
        tamper = new AuditTamper(dataSource, transactions);
        assertThat(checkpoints.check(false).valid()).as("the shared chain agrees with its checkpoints").isTrue();
    }

    @AfterEach
    void alarmCleared() {
        assertThat(checkpoints.check(false).valid()).as("tampering undone: %s", checkpoints.problem()).isTrue();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aCheckpointIsSignedWrittenAndNeverOverwritten() throws Exception {
        tamper.appendMarked(log, 2);
        AuditCheckpoints.Result r = checkpoints.check(true);
        assertThat(r.valid()).isTrue();
        AuditCheckpoint written = r.written();
        assertThat(written.seq()).isEqualTo(r.head());
        assertThat(log.verify(written).valid()).isTrue();
        Path file = store.files().get(store.files().size() - 1);
        assertThat(store.read(file)).isEqualTo(written);
        assertThat(Files.getPosixFilePermissions(file)).as("made read-only")
                .noneMatch(p -> p.name().endsWith("WRITE") || p.name().endsWith("EXECUTE"));
        // The newest checkpoint is the anchor of the next check: only the events after it are walked.
        tamper.appendMarked(log, 3);
        AuditCheckpoints.Result next = checkpoints.check(false);
        assertThat(next.valid()).isTrue();
        assertThat(next.eventsWalked()).isLessThan(next.head());
    }

    @Test
    void theTailTruncatedAfterACheckpointIsDetected() {
        List<Long> seqs = tamper.appendMarked(log, 3);
        AuditCheckpoint checkpoint = checkpoints.check(true).written();
        double failuresBefore = failures();
        int filesBefore = store.files().size();

        // Events the checkpoint vouched for are deleted: the log ends before the checkpoint.
        AuditCheckpoints.Result cut = tamper.rolledBack(
                j -> j.update("delete from audit_event where seq >= ?", seqs.get(1)), () -> runJob());
        assertThat(cut.valid()).isFalse();
        assertThat(cut.problem()).contains("vouched for event " + checkpoint.seq()).contains("removed");
        assertAlarmed(failuresBefore, filesBefore);
        assertThat(checkpoints.check(false).valid()).isTrue();

        // Events written after the checkpoint and seen by a scheduled check are deleted (issue 23: this was
        // caught by neither verify nor the checkpoint): the head this instance verified is gone.
        tamper.appendMarked(log, 3);
        AuditCheckpoints.Result seen = runJob();
        assertThat(seen.valid()).isTrue();
        assertThat(seen.written()).as("not due: fewer events than every-events, younger than every").isNull();
        double failuresNow = failures();
        AuditCheckpoints.Result tail = tamper.rolledBack(
                j -> j.update("delete from audit_event where seq > ?", checkpoint.seq()), () -> runJob());
        assertThat(tail.valid()).isFalse();
        assertThat(tail.problem()).contains("vouched for event " + seen.head()).contains("removed");
        assertAlarmed(failuresNow, filesBefore);
    }

    @Test
    void aRewriteIsRefusedAtTheNextScheduledCheckpoint() {
        List<Long> seqs = tamper.appendMarked(log, 3);
        AuditCheckpoint checkpoint = checkpoints.check(true).written();
        // A schedule that makes a checkpoint due after every 2 events, over the same key and directory.
        AuditCheckpoints everyTwo = new AuditCheckpoints(verifier, signer, store, jdbc, clock, new SimpleMeterRegistry(),
                Duration.ofHours(1), 2);
        ScheduledCheckpoints scheduled = new ScheduledCheckpoints(everyTwo, Duration.ZERO);
        tamper.appendMarked(log, 2);
        double failuresBefore = failures();
        int filesBefore = store.files().size();

        long victim = seqs.get(1);
        String original = tamper.rows(List.of(victim)).get(0).detail();
        tamper.rewriteFrom(victim, r -> r.seq() == victim ? r.withDetail("nothing to see here") : r);
        try {
            assertThat(log.verify().valid()).as("the chain alone cannot tell").isTrue();
            scheduled.runOnce();
            AuditCheckpoints.Result refused = scheduled.lastResult();
            assertThat(refused.valid()).isFalse();
            assertThat(refused.problem()).contains("event " + checkpoint.seq()).contains("rewritten");
            assertThat(store.files()).hasSize(filesBefore);
            // Asked by hand (the API), the server refuses too: nothing is blessed.
            Api.Response r = api.as(accounts.of(Role.AUDITOR), "GET", "/api/audit/checkpoint", null);
            assertThat(r.status()).as(r.body()).isEqualTo(409);
            assertThat(r.body()).contains("audit-chain-disagrees").contains("rewritten");
            assertAlarmed(failuresBefore, filesBefore);
            assertThat(api.get("/actuator/health").status()).isEqualTo(503);
        } finally {
            tamper.rewriteFrom(victim, r -> r.seq() == victim ? r.withDetail(original) : r);
        }
        scheduled.runOnce();
        assertThat(scheduled.lastResult().valid()).isTrue();
        assertThat(scheduled.lastResult().written()).as("due again after the restore: 2 or more events").isNotNull();
        assertThat(store.files()).hasSize(filesBefore + 1);
    }

    private AuditCheckpoints.Result runJob() {
        assertThat(job.runFenced()).as("this instance got the job's cluster lock").isTrue();
        return job.lastResult();
    }

    private void assertAlarmed(double failuresBefore, int filesBefore) {
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails().get("problem")).isEqualTo(checkpoints.problem());
        assertThat(failures()).isGreaterThan(failuresBefore);
        assertThat(meters.get("custodian.audit.integrity").gauge().value()).isZero();
        assertThat(store.files()).as("no checkpoint is written over a bad chain").hasSize(filesBefore);
    }

    private double failures() {
        return meters.get("custodian.audit.integrity.failures").counter().count();
    }
}
