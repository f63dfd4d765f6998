package org.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cluster locks keep sessions of their own (issue 23): with every connection of the application's pool
 * in use, a periodic job still takes its lock and runs, and the MLLP listener's lease is still granted,
 * instead of waiting for a connection that the jobs' own locks hold.
 */
@CustodianTest
class ClusterLocksOwnPoolIT {

    @Autowired ClusterLocks locks;
    @Autowired DataSource dataSource;

    @Test
    void aLockIsTakenWhileTheApplicationsPoolIsExhausted() throws Exception {
        HikariDataSource pool = (HikariDataSource) dataSource;
        long timeout = pool.getConnectionTimeout();
        String name = "own-pool-" + UUID.randomUUID();
        List<Connection> held = new ArrayList<>();
        AtomicBoolean ran = new AtomicBoolean();
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
            boolean took = CompletableFuture.supplyAsync(() -> locks.runAlone(name, () -> ran.set(true)))
                    .get(10, TimeUnit.SECONDS);
            assertThat(took).isTrue();
            try (ClusterLocks.Lease lease = CompletableFuture.supplyAsync(() -> locks.tryHold(name + "-lease"))
                    .get(10, TimeUnit.SECONDS).orElseThrow()) {
                assertThat(lease.held(5)).isTrue();
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
            pool.setConnectionTimeout(timeout);
        }
        assertThat(ran).isTrue();
    }
}
