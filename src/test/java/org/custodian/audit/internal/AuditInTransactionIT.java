package org.custodian.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditOutcome;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events appended in the caller's transaction (the HL7 feed's group commit) stand or fall with
 * the caller's changes (HIPAA 45 CFR 164.312(b): no change without its record, and no record of a
 * change that never happened), and the chain stays one line when another append comes meanwhile.
 */
@CustodianTest
class AuditInTransactionIT {

    @Autowired AuditLog log;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;

    @Test
    void eventsRolledBackWithTheCallerAreNotInTheLog() {
        String detail = "in-tx rollback " + UUID.randomUUID();
        tx.executeWithoutResult(status -> {
            log.appendInTransaction(List.of(entry(detail)));
            status.setRollbackOnly();
        });
        assertThat(count(detail)).isZero();
    }

    @Test
    void eventsCommittedWithTheCallerAreLinkedBeforeAnAppendThatHadToWaitForTheCommit() throws Exception {
        String mine = "in-tx commit " + UUID.randomUUID();
        String other = "waiting append " + UUID.randomUUID();
        CompletableFuture<Void>[] waiting = new CompletableFuture[1];
        tx.executeWithoutResult(status -> {
            log.appendInTransaction(List.of(entry(mine), entry(mine)));
            // Another writer now: it needs the chain's lock, which this transaction holds until its commit.
            waiting[0] = CompletableFuture.runAsync(() -> log.append(entry(other)));
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(waiting[0]).as("the other append waits for this commit").isNotDone();
        });
        waiting[0].get(30, TimeUnit.SECONDS);
        assertThat(count(mine)).isEqualTo(2);
        long lastOfMine = jdbc.sql("select max(seq) from audit_event where detail = ?").param(mine).query(Long.class).single();
        long theOther = jdbc.sql("select seq from audit_event where detail = ?").param(other).query(Long.class).single();
        assertThat(theOther).isGreaterThan(lastOfMine);
        assertThat(log.verify().valid()).isTrue();
    }

    @Test
    void outsideATransactionItIsRefused() {
        assertThatThrownBy(() -> log.appendInTransaction(List.of(entry("no tx"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction");
    }

    private long count(String detail) {
        return jdbc.sql("select count(*) from audit_event where detail = ?").param(detail).query(Long.class).single();
    }

    private static AuditEntry entry(String detail) {
        return new AuditEntry(Instant.now(), "in-tx-test", "ROLE_TEST", null, "Test", null, AuditAction.READ, "HOPERAT",
                null, AuditOutcome.SUCCESS, detail);
    }
}
