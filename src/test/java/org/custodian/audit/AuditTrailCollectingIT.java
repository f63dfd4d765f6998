package org.custodian.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An in-transaction append made while a caller collects (an ORU's results imported inside the HL7
 * feed's batch) joins the collected events: the chain's lock is not taken in the middle of the
 * caller's transaction, only by the caller's own append last before its commit, and the events are
 * still durable with the changes they describe (HIPAA 45 CFR 164.312(b)).
 */
@CustodianTest
class AuditTrailCollectingIT {

    /** The chain's advisory lock key ("AUDT"), as pg_locks shows it: classid 0, objid the key. */
    private static final long CHAIN_LOCK = 0x41554454L;

    @Autowired AuditTrail audit;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;

    @Test
    void anInTransactionAppendWhileCollectingJoinsTheCollectedEvents() {
        String marker = "collecting-" + UUID.randomUUID();
        List<AuditEntry> collected = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            audit.collecting(collected, () -> {
                audit.recordAllInTransaction(List.of(entry(marker)));
                return null;
            });
            assertThat(collected).hasSize(1);
            assertThat(logged(marker)).isZero();
            assertThat(holdsChainLock()).as("the chain lock is not taken mid-transaction").isFalse();
            audit.recordAllInTransaction(collected); // the collecting caller's own append, last
            assertThat(holdsChainLock()).isTrue();
        });
        assertThat(logged(marker)).isEqualTo(1L);
    }

    private long logged(String marker) {
        return jdbc.sql("select count(*) from audit_event where detail = ?").param(marker).query(Long.class).single();
    }

    private boolean holdsChainLock() {
        return jdbc.sql("""
                        select exists (select 1 from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()
                                       and granted and classid = 0 and objid = ?::bigint::oid)""")
                .param(CHAIN_LOCK).query(Boolean.class).single();
    }

    private static AuditEntry entry(String marker) {
        return new AuditEntry(Instant.now(), "collecting-test", "ADMIN", null, "Test", "1", AuditAction.READ,
                null, null, AuditOutcome.SUCCESS, marker);
    }
}
