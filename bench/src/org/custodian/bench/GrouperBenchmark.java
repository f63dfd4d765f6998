package org.custodian.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.custodian.reimbursement.Claim;
import org.custodian.reimbursement.Grouper;
import org.custodian.reimbursement.GroupingResult;
import org.custodian.reimbursement.internal.ClaimsTsv;
import org.custodian.reimbursement.internal.GroupClaimsCommand;

/**
 * MS-DRG grouper, in process, one thread: claims grouped per second over CMS's 4,000 test claims
 * repeated, then the latency of one {@code Grouper.group(claim)} call (result and explanation,
 * including the "without this diagnosis" re-groupings) timed one at a time: p50/p90/p99/p99.9/max.
 * Options: -Dbench.seconds=N (throughput run, default 10), -Dbench.rounds=N (latency passes over the
 * 4,000 claims, default 50), -Dbench.cases=PATH.
 */
public final class GrouperBenchmark {

    public static void main(String[] args) throws Exception {
        EncoderBenchmark.machine();
        Path cases = Path.of(System.getProperty("bench.cases", findCases().toString()));
        long t0 = System.nanoTime();
        Grouper grouper = Grouper.bundled();
        System.out.printf("tables loaded (v43.0 + v43.1, formulas compiled) in %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        List<String> lines = Files.readAllLines(cases);
        ClaimsTsv tsv = new ClaimsTsv(lines.get(0), GroupClaimsCommand.DEFAULT_DISCHARGE);
        List<Claim> list = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            if (!l.isBlank()) {
                list.add(tsv.parse(l));
            }
        }
        Claim[] claims = list.toArray(Claim[]::new);
        System.out.printf("claims: %,d from %s%n", claims.length, cases);
        long sink = 0;
        // warm-up
        long warmEnd = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            for (Claim c : claims) {
                sink += grouper.group(c).finalDrg();
            }
        }
        // throughput, one thread
        int seconds = Integer.getInteger("bench.seconds", 10);
        long grouped = 0;
        var threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (Claim c : claims) {
                GroupingResult r = grouper.group(c);
                sink += r.finalDrg() + r.initialDrg();
            }
            grouped += claims.length;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf("throughput, 1 thread: %,.0f claims/s wall clock (%,d claims in %.1f s);"
                + " %,.0f claims per CPU-second of the thread (it had the CPU %.0f%% of the time)%n",
                grouped / elapsed, grouped, elapsed, grouped / cpu, 100 * cpu / elapsed);
        // latency of one claim
        int rounds = Integer.getInteger("bench.rounds", 50);
        long[] ns = new long[claims.length * rounds];
        int k = 0;
        for (int r = 0; r < rounds; r++) {
            for (Claim c : claims) {
                long a = System.nanoTime();
                GroupingResult g = grouper.group(c);
                ns[k++] = System.nanoTime() - a;
                sink += g.finalDrg();
            }
        }
        Arrays.sort(ns);
        System.out.printf("latency of one claim over %,d calls: p50 %.4f ms, p90 %.4f ms, p99 %.4f ms, p99.9 %.4f ms,"
                + " max %.3f ms%n", ns.length, ms(ns, 0.50), ms(ns, 0.90), ms(ns, 0.99), ms(ns, 0.999),
                ns[ns.length - 1] / 1e6);
        System.out.println("targets: >= 100,000 claims/s, p99 <= 0.1 ms   (checksum " + sink + ")");
        var gc = ManagementFactory.getGarbageCollectorMXBeans();
        gc.forEach(b -> System.out.printf("gc %s: %d collections, %d ms%n", b.getName(), b.getCollectionCount(),
                b.getCollectionTime()));
    }

    static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    static Path findCases() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null) {
            Path c = d.resolve("shared/data/cms/ms-drg-v43/tests/grouper_cases_v430.tsv");
            if (Files.exists(c)) {
                return c;
            }
            d = d.getParent();
        }
        throw new IllegalStateException("grouper_cases_v430.tsv not found under any shared/data above the working"
                + " directory; give -Dbench.cases=PATH");
    }
}
