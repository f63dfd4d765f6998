package org.custodian.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditOutcome;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit writer keeps its own connections (issue 23): with every connection of the application's
 * pool held — request threads waiting for their audit events inside their transactions, as under
 * bench/load.sh's fifty users — an event is still written at once, not after the pool's timeout.
 */
@CustodianTest
class AuditWriterOwnPoolIT {

    @Autowired AuditLog log;
    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;

    @Test
    void anEventIsWrittenWhileTheApplicationsPoolIsExhausted() throws Exception {
        HikariDataSource pool = (HikariDataSource) dataSource;
        String run = "own-pool-" + UUID.randomUUID();
        List<Connection> held = new ArrayList<>();
        try {
            // Take every connection the pool may hand out (others may be in use by background jobs).
            pool.setConnectionTimeout(1_000);
            while (held.size() < pool.getMaximumPoolSize()) {
                try {
                    held.add(pool.getConnection());
                } catch (java.sql.SQLException timedOut) {
                    break;
                }
            }
            Instant start = Instant.now();
            CompletableFuture<Void> append = CompletableFuture.runAsync(() -> log.append(new AuditEntry(Instant.now(),
                    "own-pool-test", "AUDITOR", null, "AuditEvent", run, AuditAction.READ, null, "192.0.2.9",
                    AuditOutcome.SUCCESS, run)));
            append.get(10, TimeUnit.SECONDS);
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
        } finally {
            for (Connection c : held) {
                c.close();
            }
            pool.setConnectionTimeout(30_000);
        }
        assertThat(jdbc.sql("select count(*) from audit_event where detail = ?").param(run).query(Long.class).single())
                .isEqualTo(1);
    }
}
