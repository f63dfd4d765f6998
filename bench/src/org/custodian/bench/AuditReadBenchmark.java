package org.custodian.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.custodian.CustodianApplication;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditRecord;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Privacy monitoring's read side: how long reading 1,000,000 audit events from PostgreSQL takes
 * through {@link AuditLog#after} in the monitor's batches (custodian.monitoring.batch, 20,000), the
 * part bench/monitoring.sh's in-memory engine figure leaves out. Run by bench/monitoring.sh.
 */
public final class AuditReadBenchmark {

    static final int EVENTS = Integer.getInteger("bench.readEvents", 1_000_000);
    static final int BATCH = Integer.getInteger("bench.readBatch", 20_000);

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("custodian-bench-read-");
        EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres").toFile())
                .setCleanDataDirectory(true)
                .setOverrideWorkingDirectory(dataDir.resolve("postgres-bin").toFile())
                .setServerConfig("shared_buffers", "256MB")
                .start();
        try {
            run(dataDir, embedded.getJdbcUrl("postgres", "postgres"));
        } finally {
            embedded.close();
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path dataDir, String url) throws Exception {
        String[] props = {
                "--custodian.data-dir=" + dataDir,
                "--custodian.db.url=" + url,
                "--custodian.db.user=postgres",
                "--custodian.db.password=",
                "--custodian.demo.enabled=false",
                // The monitor's own scans would read the log while we time it.
                "--custodian.monitoring.scan-every=PT24H",
                "--custodian.admin.password=bench-" + System.nanoTime(),
                "--spring.main.banner-mode=off",
                "--server.port=0",
                "--logging.level.root=WARN",
                "--logging.level.org.custodian=WARN"};
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CustodianApplication.class)
                .web(WebApplicationType.SERVLET).run(props)) {
            AuditLog log = app.getBean(AuditLog.class);
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            System.out.println("postgresql: " + jdbc.queryForObject("select version()", String.class)
                    + " (embedded, fresh, shared_buffers=" + jdbc.queryForObject("show shared_buffers", String.class) + ")");
            long start = jdbc.queryForObject("select coalesce(max(seq), 0) from audit_event", Long.class);
            long loadStarted = System.nanoTime();
            for (int done = 0; done < EVENTS; ) {
                int n = Math.min(5_000, EVENTS - done);
                List<AuditEntry> entries = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    entries.add(event(done + i));
                }
                log.appendAll(entries);
                done += n;
            }
            System.out.printf("loaded %,d events in %.1f s (appendAll, batches of 5,000; not part of the figure)%n",
                    EVENTS, (System.nanoTime() - loadStarted) / 1e9);
            for (int run = 1; run <= 2; run++) {
                long cursor = start;
                long read = 0;
                int batches = 0;
                long started = System.nanoTime();
                while (true) {
                    List<AuditRecord> records = log.after(cursor, BATCH);
                    if (records.isEmpty()) {
                        break;
                    }
                    read += records.size();
                    batches++;
                    cursor = records.get(records.size() - 1).seq();
                }
                double s = (System.nanoTime() - started) / 1e9;
                System.out.printf("AuditLog.after from PostgreSQL, run %d: %,d events in %,d batches of %,d: %.2f s = %,.0f events/s%n",
                        run, read, batches, BATCH, s, read / s);
            }
        }
    }

    /** A chart read by one of 2,000 users of one of 50,000 patients. */
    private static AuditEntry event(long n) {
        return new AuditEntry(Instant.now(), "bench-user-" + (n % 2_000), "CLINICIAN", 100_000 + (n * 7919 % 50_000),
                "Chart", String.valueOf(n), AuditAction.READ, "TREAT", "10.20.30." + (n % 250),
                AuditOutcome.SUCCESS, null);
    }
}
