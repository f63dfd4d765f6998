package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.custodian.support.CustodianTest;
import org.custodian.support.SecondInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances on one database with the MLLP listener enabled on both (issue 23): one listens, the
 * other stands by; when the listener's database session ends (the instance died or was cut off) it
 * closes its listener and the standby takes over; a message re-sent to the new listener is answered
 * from the stored one and applied once. One feed, one order of messages, whatever instance hears it.
 */
@CustodianTest
class MllpListenerFencingIT {

    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;

    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    @AfterEach
    void stopThem() {
        started.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void oneInstanceListensAndTheStandbyTakesOverWhenItsSessionEnds() throws Exception {
        ConfigurableApplicationContext first = instance();
        MllpServer a = first.getBean(MllpServer.class);
        await("the first instance listens", () -> a.listeningPort() > 0);

        ConfigurableApplicationContext second = instance();
        MllpServer b = second.getBean(MllpServer.class);
        int checks = b.standbyChecks();
        await("the second instance has tried the lock a few times", () -> b.standbyChecks() >= checks + 3);
        assertThat(b.listeningPort()).as("the standby does not listen").isEqualTo(-1);
        assertThat(a.listeningPort()).isPositive();

        String run = "F" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        String mrn = run + "-1";
        String admit = AdtFeed.message("A01", run + "A", mrn);
        try (MllpClient client = new MllpClient(a.listeningPort())) {
            assertThat(MllpClient.code(client.send(admit))).isEqualTo("AA");
        }

        // The listener's database session ends (as when its instance dies or is cut off from the database).
        int ended = jdbc.sql("""
                        with k as (select hashtext(:lock)::bigint as v)
                        select count(pg_terminate_backend(l.pid)) from pg_locks l, k
                        where l.locktype = 'advisory' and l.granted and l.objsubid = 1
                          and l.classid = ((k.v >> 32) & 4294967295)::oid and l.objid = (k.v & 4294967295)::oid""")
                .param("lock", MllpServer.LEADER_LOCK).query(Integer.class).single();
        assertThat(ended).isEqualTo(1);
        await("the first instance closes its listener (fenced)", () -> a.listeningPort() == -1);
        await("the standby takes over", () -> b.listeningPort() > 0);
        int aChecks = a.standbyChecks();
        await("the first instance stands by", () -> a.standbyChecks() >= aChecks + 3);
        assertThat(a.listeningPort()).isEqualTo(-1);

        // The interface engine re-sends what it has no ACK for, and goes on, to whichever instance listens.
        try (MllpClient client = new MllpClient(b.listeningPort())) {
            assertThat(MllpClient.code(client.send(admit))).isEqualTo("AA");
            assertThat(MllpClient.code(client.send(AdtFeed.message("A03", run + "D", mrn)))).isEqualTo("AA");
        }
        assertThat(jdbc.sql("select count(*) from hl7_message where control_id = ?").param(run + "A").query(Long.class).single())
                .as("the re-sent admission is stored once").isEqualTo(1L);
        assertThat(jdbc.sql("""
                        select count(*) from encounter e join patient p on p.id = e.patient_id
                        where p.facility = 'CRASHFAC' and p.mrn = ?""").param(mrn).query(Long.class).single())
                .as("and applied once: one encounter").isEqualTo(1L);

        // The listening instance stops: the other one takes over again.
        second.close();
        await("the first instance listens again", () -> a.listeningPort() > 0);
        try (MllpClient client = new MllpClient(a.listeningPort())) {
            assertThat(MllpClient.code(client.send(AdtFeed.message("A08", run + "U", mrn)))).isEqualTo("AA");
        }
    }

    private ConfigurableApplicationContext instance() throws Exception {
        ConfigurableApplicationContext c = SecondInstance.start(dataSource, null,
                Files.createTempDirectory("custodian-mllp-fencing").toString(),
                "--custodian.mllp.enabled=true", "--custodian.mllp.port=0", "--custodian.mllp.leader-check=200ms",
                // The listener's lease keeps one connection; the periodic jobs that start with an instance (each a
                // lock connection and a work connection) took the rest of SecondInstance's four in the full suite,
                // and the feed's applier waited past the client's read timeout.
                "--custodian.db.pool-size=10");
        started.add(c);
        return c;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within 60 s");
            }
            Thread.sleep(20);
        }
    }
}
