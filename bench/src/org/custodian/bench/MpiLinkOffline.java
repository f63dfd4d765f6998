package org.custodian.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.mpi.internal.Linkage;
import org.custodian.mpi.internal.MatchDecision;
import org.custodian.mpi.internal.MatchEngine;
import org.custodian.mpi.internal.MpiRecord;
import org.custodian.mpi.internal.MpiSettings;

/**
 * The linkage of {@code mpi-scan} without the database: the same generated index as
 * {@link MpiScanBenchmark} (same seed, same people, same corruptions), linked in memory, scored
 * against the truth. For tuning blocking and EM in seconds; the real figure is bench/mpi-scan.sh.
 */
public final class MpiLinkOffline {

    public static void main(String[] args) {
        int people = MpiScanBenchmark.PEOPLE;
        Random r = new Random(20261127L);
        List<MpiScanBenchmark.Person> persons = new ArrayList<>(people);
        for (int i = 0; i < people; i++) {
            persons.add(MpiScanBenchmark.person(r));
        }
        List<MpiRecord> records = new ArrayList<>();
        List<Integer> entity = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            records.add(record(persons.get(i)));
            entity.add(i);
        }
        int duplicates = (int) Math.round(people * MpiScanBenchmark.DUPLICATE_SHARE);
        for (int d = 0; d < duplicates; d++) {
            int original = r.nextInt(people);
            records.add(record(MpiScanBenchmark.corrupt(persons.get(original), r)));
            entity.add(original);
        }
        persons = null;
        System.out.printf(Locale.ROOT, "%,d records; load %s%n", records.size(), load());
        long t0 = System.nanoTime();
        Linkage l = new MatchEngine(new MpiSettings(null, null, Integer.getInteger("bench.maxBlock"), null, null, null, null, null, null)).link(records, System.out);
        double seconds = (System.nanoTime() - t0) / 1e9;
        java.util.Map<Integer, Integer> sizes = new java.util.HashMap<>();
        entity.forEach(e -> sizes.merge(e, 1, Integer::sum));
        long truePairs = sizes.values().stream().mapToLong(k -> (long) k * (k - 1) / 2).sum();
        long link = 0, linkTrue = 0, all = 0, allTrue = 0;
        for (int p = 0; p < l.keptPairs(); p++) {
            boolean same = entity.get(l.first(p)).equals(entity.get(l.second(p)));
            all++;
            allTrue += same ? 1 : 0;
            if (l.decision(p) == MatchDecision.LINK) {
                link++;
                linkTrue += same ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "linked in %.1f s; compared %,d; true pairs %,d%n", seconds, l.comparedPairs(), truePairs);
        System.out.printf(Locale.ROOT, "link pairs: %,d precision=%.4f recall=%.4f%n", link, link == 0 ? 0 : (double) linkTrue / link,
                (double) linkTrue / truePairs);
        System.out.printf(Locale.ROOT, "worklist pairs: %,d precision=%.4f recall=%.4f%n", all, all == 0 ? 0 : (double) allTrue / all,
                (double) allTrue / truePairs);
        // Precision by weight band: where the false links sit.
        double[] bands = {4, 10, 12, 15, 20, 25, 30, 1e9};
        for (int b = 0; b + 1 < bands.length; b++) {
            long in = 0, t = 0;
            for (int p = 0; p < l.keptPairs(); p++) {
                if (l.weight(p) >= bands[b] && l.weight(p) < bands[b + 1]) {
                    in++;
                    t += entity.get(l.first(p)).equals(entity.get(l.second(p))) ? 1 : 0;
                }
            }
            System.out.printf(Locale.ROOT, "  weight %4.0f..%-4.0f pairs=%,9d true=%,9d%n", bands[b], Math.min(bands[b + 1], 99), in, t);
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "heap in use %,d MB; load %s%n", (rt.totalMemory() - rt.freeMemory()) >> 20, load());
        if (Boolean.getBoolean("bench.misses")) {
            int shown = 0;
            java.util.Set<Long> found = new java.util.HashSet<>();
            for (int p = 0; p < l.keptPairs(); p++) {
                if (l.decision(p) == MatchDecision.LINK) {
                    found.add(((long) l.first(p) << 32) | l.second(p));
                }
            }
            int every = Math.max(1, l.keptPairs() / 3000);
            for (int p = 0; p < l.keptPairs() && shown < 12; p += every) {
                boolean same = entity.get(l.first(p)).equals(entity.get(l.second(p)));
                if (!same && l.decision(p) == MatchDecision.LINK) {
                    shown++;
                    System.out.println("FP " + l.weight(p) + "\n  " + records.get(l.first(p)) + "\n  " + records.get(l.second(p)));
                    l.explain(p).forEach(c -> System.out.printf(Locale.ROOT, "    %s %s %.1f%n", c.field(), c.levelName(), c.weight()));
                }
            }
        }
    }

    static MpiRecord record(MpiScanBenchmark.Person p) {
        String[] line = p.line().split(" ", 2);
        return MpiRecord.of(null, new NewPatient(null, null, p.given(), null, p.family(), p.dob(),
                p.sex() == 'F' ? AdministrativeSex.F : AdministrativeSex.M, p.ssn(),
                new Address(p.line(), p.city(), "IL", p.zip()), p.phone(), null));
    }

    static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
