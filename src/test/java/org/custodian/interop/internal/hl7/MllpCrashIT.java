package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Durable ACK under a crash: the real application runs in a child JVM against this test's
 * database; 2,000 ADT messages go to it over MLLP; the child is killed with SIGKILL part-way
 * (Process.destroyForcibly), restarted, and every message not acknowledged is sent again. Then
 * every message is applied exactly once: one stored row per control id, PROCESSED; one patient
 * per MRN with exactly one encounter, discharged (an A01 applied twice would leave two
 * encounters, an A03 applied twice an AE); none lost.
 */
@CustodianTest
class MllpCrashIT {

    static final int PATIENTS = 1000;

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void everyAcknowledgedMessageIsAppliedExactlyOnceAcrossAKill9() throws Exception {
        String run = "K" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        List<AdtFeed.Sent> feed = AdtFeed.admitsAndDischarges(run, PATIENTS);
        KillNineDrill.run(dataSource, "adt-crash", feed.stream().map(m -> new KillNineDrill.Message(m.controlId(), m.message())).toList(),
                700 + (int) (System.nanoTime() % 300));

        // One row per control id, all applied.
        Map<String, Object> rows = jdbc.sql("""
                        select count(*) as n, count(*) filter (where status = 'PROCESSED') as processed,
                               count(distinct control_id) as distinct_ids
                        from hl7_message where sending_application = 'CRASHTEST' and control_id like ?""")
                .param(run + "%").query().singleRow();
        assertThat(((Number) rows.get("n")).longValue()).isEqualTo(feed.size());
        assertThat(((Number) rows.get("processed")).longValue()).isEqualTo(feed.size());
        assertThat(((Number) rows.get("distinct_ids")).longValue()).isEqualTo(feed.size());
        // Each patient once, with exactly one encounter, finished at the A03's time.
        List<Map<String, Object>> patients = jdbc.sql("""
                        select p.mrn, count(e.id) as encounters, count(e.id) filter (where e.status = 'FINISHED'
                               and e.discharge_at = timestamptz '2026-01-03 09:00:00+00') as finished
                        from patient p left join encounter e on e.patient_id = p.id
                        where p.facility = 'CRASHFAC' and p.mrn like ? group by p.mrn""")
                .param(run + "-%").query().listOfRows();
        assertThat(patients).hasSize(PATIENTS);
        List<String> wrong = new ArrayList<>();
        for (Map<String, Object> p : patients) {
            if (((Number) p.get("encounters")).longValue() != 1 || ((Number) p.get("finished")).longValue() != 1) {
                wrong.add(p.get("mrn") + " " + p.get("encounters") + "/" + p.get("finished"));
            }
        }
        assertThat(wrong).as("patients without exactly one finished encounter").isEmpty();
    }

    static byte[] frame(String message) {
        byte[] content = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] framed = new byte[content.length + 3];
        framed[0] = MllpFraming.START;
        System.arraycopy(content, 0, framed, 1, content.length);
        framed[framed.length - 2] = MllpFraming.END;
        framed[framed.length - 1] = MllpFraming.CR;
        return framed;
    }

    /** The real application in a child JVM on the database of {@code dataSource}, its MLLP listener on {@code port}. */
    static Process startChild(DataSource dataSource, int port, Path dataDir) throws Exception {
        String url;
        String user;
        try (Connection c = dataSource.getConnection()) {
            url = c.getMetaData().getURL();
            user = c.getMetaData().getUserName();
        }
        // The test's own pool knows the password: a server's from CUSTODIAN_TEST_DB_PASSWORD, or the embedded
        // server's, which trusts no connection without one (issue #22, finding 9).
        String password = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getPassword();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "org.custodian.CustodianApplication",
                "--server.port=0", "--custodian.mllp.enabled=true", "--custodian.mllp.port=" + port,
                "--custodian.demo.enabled=false", "--custodian.data-dir=" + dataDir,
                "--custodian.security.data-key=" + org.custodian.support.SecondInstance.testDataKey(),
                "--custodian.admin.password=crash-test-admin-password", "--logging.level.root=WARN",
                "--spring.main.banner-mode=off");
        pb.environment().put("CUSTODIAN_DB_URL", url);
        pb.environment().put("CUSTODIAN_DB_USER", user);
        pb.environment().put("CUSTODIAN_DB_PASSWORD", password);
        pb.redirectErrorStream(true);
        pb.redirectOutput(dataDir.resolve("child.log").toFile());
        return pb.start();
    }

    /**
     * Waits until the child says it listens on {@code port} (its log in {@code dataDir}), then connects.
     * A probe connection alone is not enough: between {@link #freePort()} and the child's bind, another
     * process on the machine may take the port, and the probe then reaches that one.
     */
    static MllpClient awaitListener(Process child, int port, Path dataDir) throws Exception {
        Path log = dataDir.resolve("child.log");
        String listening = "MLLP listener on 127.0.0.1:" + port + " ";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as("the child application is running").isTrue();
            if (Files.exists(log) && Files.readString(log).contains(listening)) {
                return new MllpClient(port);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the child application did not open its MLLP port " + port + " in time");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
