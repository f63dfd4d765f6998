package org.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.ChainVerification;
import org.custodian.support.CustodianTest;
import org.custodian.support.SecondInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two Custodian instances on one PostgreSQL database (issue 23): audit events written from both at once
 * form one valid chain (the chain's advisory lock serializes appends across instances; HIPAA 45 CFR
 * 164.312(b), (c)(1)), and a periodic job started on both at the same moment runs once (its cluster lock).
 */
@CustodianTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIT {

    @Autowired AuditLog log;
    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired ClusterLocks locks;

    ConfigurableApplicationContext other;

    @BeforeAll
    void startTheSecondInstance() throws java.io.IOException {
        Path dataDir = java.nio.file.Files.createTempDirectory("custodian-second-instance");
        other = SecondInstance.start(dataSource, null, dataDir.toString());
    }

    @AfterAll
    void stopIt() {
        if (other != null) {
            other.close();
        }
    }

    @Test
    void concurrentAuditWritesFromBothInstancesFormOneValidChain() throws Exception {
        AuditLog otherLog = other.getBean(AuditLog.class);
        String marker = "two-instances-" + UUID.randomUUID();
        int writers = 4;
        int rounds = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers * 2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers * 2; w++) {
            AuditLog target = w % 2 == 0 ? log : otherLog;
            String who = (w % 2 == 0 ? "first-" : "second-") + w;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < rounds; i++) {
                    if (i % 5 == 0) {
                        target.appendAll(List.of(entry(who, marker, i), entry(who, marker, i)));
                    } else {
                        target.append(entry(who, marker, i));
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        long expected = (long) writers * 2 * (rounds + rounds / 5);
        assertThat(jdbc.sql("select count(*) from audit_event where detail = ?").param(marker).query(Long.class).single())
                .isEqualTo(expected);
        assertThat(jdbc.sql("select count(distinct username) from audit_event where detail = ?").param(marker)
                .query(Long.class).single()).isEqualTo(writers * 2L);
        ChainVerification mine = log.verify();
        assertThat(mine.valid()).as("%s", mine).isTrue();
        assertThat(otherLog.verify().valid()).isTrue();
        // And one checkpoint each way agrees: the second instance signs with its own key, both vouch for one chain.
        assertThat(log.verify(log.checkpoint()).valid()).isTrue();
    }

    @Test
    void aPeriodicJobStartedOnBothInstancesAtOnceRunsOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch bothTried = new CountDownLatch(1);
        CountDownLatch firstInside = new CountDownLatch(1);
        String name = "two-instances-job-" + UUID.randomUUID();
        class Job extends PeriodicJob {
            Job(ClusterLocks fencing) {
                super(name, Duration.ZERO, false, WhenZero.NEVER);
                setClusterLocks(fencing);
            }

            @Override
            protected void runOnce() {
                runs.incrementAndGet();
                firstInside.countDown();
                try {
                    bothTried.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        // The same job on each instance, fenced by that instance's own database sessions.
        Job onFirst = new Job(locks);
        Job onSecond = new Job(other.getBean(ClusterLocks.class));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Boolean> first = pool.submit(onFirst::runFenced);
        assertThat(firstInside.await(1, TimeUnit.MINUTES)).isTrue();
        // While the first instance runs it, the second instance's run is skipped.
        boolean secondRan = onSecond.runFenced();
        bothTried.countDown();
        assertThat(first.get(1, TimeUnit.MINUTES)).isTrue();
        assertThat(secondRan).isFalse();
        assertThat(runs).hasValue(1);
        // Once the first run has ended, the second instance runs it at its next turn.
        assertThat(onSecond.runFenced()).isTrue();
        assertThat(runs).hasValue(2);
        pool.shutdown();
    }

    private static AuditEntry entry(String who, String marker, int i) {
        return new AuditEntry(Instant.now(), who, "ADMIN", null, "TwoInstances", String.valueOf(i), AuditAction.ADMIN,
                null, null, AuditOutcome.SUCCESS, marker);
    }
}
