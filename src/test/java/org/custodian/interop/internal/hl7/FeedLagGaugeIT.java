package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The feed's lag as a gauge (issue 23): while a message waits for its commit (here: its patient's
 * MRN lock held by another session, as a long transaction on that patient would), the age of the
 * oldest unacknowledged message grows at /actuator/prometheus; once it is acknowledged, it is 0.
 */
@CustodianTest
class FeedLagGaugeIT {

    @Autowired MllpServer server;
    @Autowired MeterRegistry meters;
    @Autowired DataSource dataSource;
    @Autowired Api api;

    @Test
    void theOldestUnacknowledgedMessageAgeIsTheFeedLag() throws Exception {
        int port = server.listen(0);
        String run = "L" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        String mrn = run + "-1";
        try (Connection blocker = dataSource.getConnection(); MllpClient client = new MllpClient(port)) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "mrn|CRASHFAC|" + mrn);
                lock.executeQuery().close();
            }
            client.sendRaw(MllpCrashIT.frame(AdtFeed.message("A01", run + "A", mrn)));
            await("the message waits for its ACK", () -> gauge("custodian.feed.unacknowledged") >= 1);
            await("its age grows", () -> gauge("custodian.feed.lag") >= 0.5);
            blocker.commit(); // the patient's lock is released: the message commits and is acknowledged
            assertThat(MllpClient.code(client.receive())).isEqualTo("AA");
        }
        await("nothing waits", () -> gauge("custodian.feed.unacknowledged") == 0);
        assertThat(gauge("custodian.feed.lag")).isZero();
        assertThat(api.as("admin", "GET", "/actuator/prometheus", null).body())
                .contains("custodian_feed_lag_seconds", "custodian_feed_unacknowledged");
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
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
