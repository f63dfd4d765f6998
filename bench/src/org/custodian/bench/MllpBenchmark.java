package org.custodian.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.custodian.CustodianApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * HL7 v2 ADT over MLLP with durable ACK, end to end: a sender on loopback sends a message, waits
 * for its ACK (AA only after the commit), sends the next; then a pipelining sender keeps up to
 * bench.window (32) messages unacknowledged, as interface engines do. Runs on 1 and on 4 connections for
 * bench.seconds each, on a fresh embedded PostgreSQL with fsync=on (bench.fsync=off to compare).
 * Messages: per patient an A01 then an A03 (compact v2.5.1, as a typical ADT feed), each applied
 * to the registry and the chart and audited. See bench/README.md; run with bench/mllp.sh.
 */
public final class MllpBenchmark {

    static final long SECONDS = Long.getLong("bench.seconds", 10);
    /**
     * Seconds of traffic before the timed runs. The JIT compilers take most of the JVM's CPU for
     * the first half minute (measured with JFR: C2 used more CPU than the feed's threads together
     * in a run with 6 s of warm-up), a cost a server pays once, not per message.
     */
    static final long WARMUP = Long.getLong("bench.warmup", 30);
    /**
     * Patients registered before the feed starts (with COPY, as mpi-scan's fixture). A hospital's
     * index is large and grows slowly; an empty one growing by thousands a second would have the
     * MPI refit its match model at every 20% of growth (the screen behind the feed then spent 85%
     * of its CPU refitting, measured with JFR), which no hospital's feed causes.
     */
    static final int POPULATION = Integer.getInteger("bench.population", 200_000);
    static final String FSYNC = System.getProperty("bench.fsync", "on");
    /** Frames a pipelining sender keeps in flight (sent, not yet acknowledged) per connection. */
    static final int WINDOW = Integer.getInteger("bench.window", 32);

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("custodian-bench-");
        EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres").toFile())
                .setCleanDataDirectory(true)
                .setOverrideWorkingDirectory(dataDir.resolve("postgres-bin").toFile())
                .setServerConfig("fsync", FSYNC)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("shared_buffers", "256MB")
                // -Dbench.pglog=DIR: PostgreSQL logs there every statement that took at least bench.pglog.ms (5).
                .setServerConfig("logging_collector", System.getProperty("bench.pglog") == null ? "off" : "on")
                .setServerConfig("log_directory", System.getProperty("bench.pglog", "log"))
                .setServerConfig("log_min_duration_statement", System.getProperty("bench.pglog") == null ? "-1"
                        : System.getProperty("bench.pglog.ms", "5"))
                // ... with its plan (auto_explain ships with the embedded binaries).
                // -Dbench.pgstat=true: the timed runs' statements by total time, from pg_stat_statements (also shipped).
                .setServerConfig("shared_preload_libraries", String.join(",", java.util.stream.Stream.of(
                        System.getProperty("bench.pglog") == null ? null : "auto_explain",
                        Boolean.getBoolean("bench.pgstat") ? "pg_stat_statements" : null)
                        .filter(java.util.Objects::nonNull).toList()))
                .setServerConfig("auto_explain.log_min_duration", System.getProperty("bench.pglog") == null ? "-1"
                        : System.getProperty("bench.pglog.ms", "5"))
                .start();
        postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CustodianApplication.class)
                .web(WebApplicationType.SERVLET).run(
                        "--custodian.data-dir=" + dataDir,
                        "--custodian.db.url=" + embedded.getJdbcUrl("postgres", "postgres"),
                        "--custodian.db.user=postgres", "--custodian.db.password=",
                        "--custodian.demo.enabled=false",
                        // The coding module's code-set load and encoder warm-up would run in the background
                        // during the timed runs; the feed does not use them.
                        "--custodian.coding.load-bundled=false", "--custodian.admin.password=bench-" + System.nanoTime(),
                        "--custodian.mllp.enabled=true", "--custodian.mllp.port=" + port,
                        "--spring.main.banner-mode=off", "--server.port=0",
                        "--logging.level.root=WARN", "--logging.level.org.custodian=WARN")) {
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            System.out.printf("machine: %d CPUs, %s, load average %.2f, Java %s%n",
                    Runtime.getRuntime().availableProcessors(), cpuModel(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.version"));
            System.out.println("PostgreSQL: " + jdbc.queryForObject("select version()", String.class)
                    + "; fsync=" + jdbc.queryForObject("show fsync", String.class)
                    + ", synchronous_commit=" + jdbc.queryForObject("show synchronous_commit", String.class));

            long loadStart = System.nanoTime();
            registerPopulation(embedded.getJdbcUrl("postgres", "postgres"));
            System.out.printf("registered beforehand: %,d patients in %.1f s%n", POPULATION,
                    (System.nanoTime() - loadStart) / 1e9);
            System.out.println("load average before the runs: " + loadAverage());
            run(port, 1, 1, Math.max(1, WARMUP / 6), "warm-up");
            run(port, 4, WINDOW, Math.max(1, WARMUP - WARMUP / 6), "warm-up");
            if (Boolean.getBoolean("bench.pgstat")) {
                jdbc.execute("create extension if not exists pg_stat_statements");
                jdbc.execute("select pg_stat_statements_reset()");
            }
            // -Dbench.quick=true: only the last run (4 connections, pipelined), to compare settings quickly.
            boolean quick = Boolean.getBoolean("bench.quick");
            double one = quick ? 0 : run(port, 1, 1, SECONDS, "1 connection, one at a time");
            double four = quick ? 0 : run(port, 4, 1, SECONDS, "4 connections, one at a time");
            double onePipelined = quick ? 0 : run(port, 1, WINDOW, SECONDS, "1 connection, window " + WINDOW);
            double fourPipelined = run(port, 4, WINDOW, SECONDS, "4 connections, window " + WINDOW);
            long processed = jdbc.queryForObject("select count(*) from hl7_message where status = 'PROCESSED'", Long.class);
            long notProcessed = jdbc.queryForObject("select count(*) from hl7_message where status <> 'PROCESSED'", Long.class);
            System.out.printf("stored: %,d PROCESSED, %,d other%n", processed, notProcessed);
            // What the MPI's screen behind the feed did: how far it got, and how many likely duplicates it
            // proposed per patient screened (a hospital's registration screen proposes a few in a hundred).
            System.out.printf("MPI screen: %,d patients still queued; %,d pairs proposed (%s)%n",
                    jdbc.queryForObject("select count(*) from mpi_screening_queue", Long.class),
                    jdbc.queryForObject("select count(*) from mpi_pair", Long.class),
                    String.join(", ", jdbc.queryForList(
                            "select match_class || ' ' || count(*) from mpi_pair group by match_class order by 1", String.class)));
            if (Boolean.getBoolean("bench.pairs")) {
                jdbc.query("""
                                select a.given_name, a.family_name, a.birth_date, a.sex, a.postal_code, a.mrn,
                                       b.given_name, b.family_name, b.birth_date, b.sex, b.postal_code, b.mrn, p.weight, p.match_class
                                from mpi_pair p join patient a on a.id = p.patient_a join patient b on b.id = p.patient_b
                                order by p.id desc limit 12""",
                        rs -> {
                            System.out.printf("  %s %s %s %s %s %s | %s %s %s %s %s %s | %.1f %s%n", rs.getString(1),
                                    rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                    rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                                    rs.getString(12), rs.getDouble(13), rs.getString(14));
                        });
            }
            if (Boolean.getBoolean("bench.pgstat")) {
                System.out.println("statements of the timed runs by total time (ms total, calls, rows):");
                jdbc.query("""
                                select round(total_exec_time::numeric, 0) ms, calls, rows,
                                       regexp_replace(query, '\\s+', ' ', 'g') q
                                from pg_stat_statements order by total_exec_time desc limit 30""",
                        rs -> {
                            System.out.printf("%8d ms %8d calls %8d rows  %s%n", rs.getLong(1), rs.getLong(2), rs.getLong(3),
                                    rs.getString(4).substring(0, Math.min(160, rs.getString(4).length())));
                        });
            }
            System.out.printf("%nSUMMARY  MLLP ADT with durable ACK (target >= 2,000 msg/s), fsync=%s, load average %s%n"
                    + "  one at a time (send, wait for ACK): 1 connection %,.0f msg/s | 4 connections %,.0f msg/s%n"
                    + "  pipelined, window %d:               1 connection %,.0f msg/s | 4 connections %,.0f msg/s%n",
                    FSYNC, loadAverage(), one, four, WINDOW, onePipelined, fourPipelined);
        } finally {
            embedded.close();
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void registerPopulation(String url) throws Exception {
        // As mpi-scan's fixture: people, and 2% of them registered a second time with a clerk's mistakes. An
        // index without any duplicate is no hospital's, and the MPI's EM fit, finding no true pairs to learn
        // from, made a match class of chance agreements (a birth date and a phone): measured on 2026-11-27,
        // the screen behind the feed then proposed two to three pairs per admission, LINK for strangers.
        int people = (int) Math.round(POPULATION / (1 + MpiScanBenchmark.DUPLICATE_SHARE));
        StringBuilder copy = MpiScanBenchmark.registrations(new java.util.Random(20261127L), people, 90_000_000L,
                new java.util.HashMap<>());
        MpiScanBenchmark.copyPatients(url, copy);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /** The embedded server's postmaster (first line of postmaster.pid), whose children are the backends. */
    static long postmaster;

    /**
     * CPU seconds used so far by this JVM (server and senders) and by PostgreSQL (postmaster and
     * backends), from /proc: on a shared machine messages/s depends on the neighbours, CPU per
     * message much less.
     */
    private static double[] cpuSeconds() {
        double jvm = ticks(ProcessHandle.current().pid());
        double pg = 0;
        if (postmaster > 0) {
            pg = ticks(postmaster);
            for (ProcessHandle child : ProcessHandle.of(postmaster).map(h -> h.descendants().toList()).orElse(List.of())) {
                pg += ticks(child.pid());
            }
        }
        return new double[] {jvm / 100.0, pg / 100.0};
    }

    /** utime + stime of a process in clock ticks (USER_HZ, 100 on Linux). */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double run(int port, int connections, int window, long seconds, String label) throws Exception {
        double[] cpuBefore = cpuSeconds();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long started = System.nanoTime();
        List<Future<Long>> results = new ArrayList<>();
        String run = label.charAt(0) + Long.toString(System.nanoTime(), 36);
        for (int c = 0; c < connections; c++) {
            String prefix = run + "c" + c;
            results.add(pool.submit(() -> send(port, prefix, deadline, window)));
        }
        long total = 0;
        for (Future<Long> f : results) {
            total += f.get();
        }
        pool.shutdown();
        double s = (System.nanoTime() - started) / 1e9;
        double rate = total / s;
        double[] cpuAfter = cpuSeconds();
        System.out.printf("%-30s %,10.0f messages/s  (%,d messages acknowledged AA in %.1f s; CPU per message: JVM %.0f µs,"
                        + " PostgreSQL %.0f µs)%n", label, rate, total, s,
                (cpuAfter[0] - cpuBefore[0]) * 1e6 / Math.max(1, total), (cpuAfter[1] - cpuBefore[1]) * 1e6 / Math.max(1, total));
        return rate;
    }

    /**
     * Sends until the deadline with at most {@code window} frames unacknowledged (1: the strict
     * one-at-a-time sender), checking that every ACK is AA for the message it answers, in order.
     */
    private static long send(int port, String prefix, long deadline, int window) throws IOException {
        long acknowledged = 0;
        java.util.ArrayDeque<String> inFlight = new java.util.ArrayDeque<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream());
            int patient = 0;
            boolean discharge = false;
            while (System.nanoTime() < deadline || !inFlight.isEmpty()) {
                while (inFlight.size() < window && System.nanoTime() < deadline) {
                    String event = discharge ? "A03" : "A01";
                    String control = prefix + event + patient;
                    out.write(frame(message(event, control, prefix + "-" + patient, "V" + prefix + "-" + patient)));
                    inFlight.add(control);
                    if (discharge) {
                        patient++;
                    }
                    discharge = !discharge;
                }
                out.flush();
                if (inFlight.isEmpty()) {
                    break;
                }
                String ack = read(in);
                String control = inFlight.poll();
                if (!ack.contains("MSA|AA|" + control + "\r") && !ack.contains("MSA|AA|" + control + "|")) {
                    throw new IllegalStateException("not AA for " + control + ": " + ack.replace('\r', '\n'));
                }
                acknowledged++;
            }
        }
        return acknowledged;
    }

    /**
     * PID-5 to PID-13 of a person of its own per MRN, drawn as mpi-scan's people are (Zipf-distributed
     * given and family names, 94 years of birth dates, 40 towns with their ZIP codes), seeded by the
     * MRN so that the A01 and the A03 agree. The MPI's registration screen runs behind the feed and
     * scores each new patient against its block; until 2026-11-27 every bench person was a
     * "Bench..." surname in one ZIP with one of 8 given names, so every admission looked like a
     * possible duplicate of hundreds of others, which no hospital's feed does.
     */
    static String person(String mrn) {
        // Seeded through SplittableRandom, which mixes its seed: java.util.Random's first draws for
        // consecutive seeds (the MRNs "...-41", "...-42") are correlated (measured: the first
        // nextBoolean, the sex, came out the same for ten MRNs in a row), and the screen then found
        // a likely duplicate for four admissions in five.
        MpiScanBenchmark.Person p = MpiScanBenchmark.person(
                new java.util.Random(new java.util.SplittableRandom(mrn.hashCode()).nextLong()));
        return MpiScanBenchmark.cap(p.family()) + "^" + MpiScanBenchmark.cap(p.given()) + "^Q||"
                + p.dob().toString().replace("-", "") + "|" + p.sex() + "|||" + p.line() + "^^"
                + MpiScanBenchmark.cap(p.city()) + "^IL^" + p.zip() + "||" + p.phone();
    }

    /**
     * An A01 or A03 as an EHR sends them, with the visit number (PV1-19) every inpatient visit
     * carries for billing; until 2026-11-27 the bench left it out, so each discharge had to look up
     * the patient's visit in progress instead.
     */
    static String message(String event, String control, String mrn, String visit) {
        String[] pv1 = new String[46];
        Arrays.fill(pv1, "");
        pv1[0] = "PV1";
        pv1[1] = "1";
        pv1[2] = "I";
        pv1[3] = "4E^401^A";
        pv1[7] = "1234^Welby^Marcus";
        pv1[10] = "MED";
        pv1[19] = visit;
        pv1[44] = "20260101120000+0000";
        if (event.equals("A03")) {
            pv1[45] = "20260103090000+0000";
        }
        return "MSH|^~\\&|BENCH|BENCHFAC|CUSTODIAN|HIM|20260101120000||ADT^" + event + "|" + control + "|P|2.5.1\r"
                + "EVN|" + event + "|20260101120000\r"
                + "PID|1||" + mrn + "^^^BENCHFAC^MR||" + person(mrn) + "\r"
                + String.join("|", pv1) + "\r";
    }

    static byte[] frame(String message) {
        byte[] content = message.getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[content.length + 3];
        framed[0] = 0x0B;
        System.arraycopy(content, 0, framed, 1, content.length);
        framed[framed.length - 2] = 0x1C;
        framed[framed.length - 1] = 0x0D;
        return framed;
    }

    static String read(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) != 0x0B) {
            if (b == -1) {
                throw new IOException("closed");
            }
        }
        ByteArrayOutputStream ack = new ByteArrayOutputStream();
        while ((b = in.read()) != 0x1C) {
            if (b == -1) {
                throw new IOException("closed");
            }
            ack.write(b);
        }
        in.read(); // CR
        return ack.toString(StandardCharsets.UTF_8);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
