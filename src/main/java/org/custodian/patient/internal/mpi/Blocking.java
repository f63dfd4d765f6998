package org.custodian.patient.internal.mpi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Candidate pairs from several blocking passes: two records are compared when they share the key
 * of at least one pass. Each pass leans on different fields, so a typo in one field (the surname,
 * the birth year, the postcode) hides a pair from some passes but not from all of them.
 *
 * <p>Blocks larger than {@code maxBlock} are skipped for that pass: a key that common ("SM0" born
 * 1970 in a million patients) says little and would cost quadratic time; the other passes cover it.
 */
final class Blocking {

    /** A named blocking key; null when the record lacks the fields it needs. */
    record Pass(String name, Function<MpiRecord, String> key) {
    }

    static final List<Pass> STANDARD = List.of(
            new Pass("family sound + birth year", r -> join(Comparators.phonetic(r.familyName()), year(r))),
            new Pass("given sound + postcode", r -> join(Comparators.phonetic(r.givenName()), r.postcode())),
            // Sorted, so that a record with given and family name swapped meets its twin.
            new Pass("name sounds, either order", Blocking::nameSounds),
            new Pass("family sound + postcode", r -> join(Comparators.phonetic(r.familyName()), r.postcode())),
            new Pass("postcode + street number", r -> join(r.postcode(), r.streetNumber())),
            new Pass("ssn", MpiRecord::ssn),
            new Pass("birth date", MpiRecord::birthDate),
            new Pass("phone", MpiRecord::phone),
            new Pass("street number + street", r -> join(r.streetNumber(), r.address1())));

    private final List<Pass> passes;
    private final int maxBlock;

    Blocking(List<Pass> passes, int maxBlock) {
        this.passes = passes;
        this.maxBlock = maxBlock;
    }

    /** Distinct candidate pairs, each encoded as {@code (i << 32) | j} with record indexes i < j, sorted. */
    long[] candidatePairs(List<MpiRecord> records) {
        long[] pairs = new long[1024];
        int n = 0;
        for (Pass pass : passes) {
            Map<String, List<Integer>> blocks = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                String key = pass.key().apply(records.get(i));
                if (key != null) {
                    blocks.computeIfAbsent(key, k -> new ArrayList<>(4)).add(i);
                }
            }
            for (List<Integer> block : blocks.values()) {
                if (block.size() < 2 || block.size() > maxBlock) {
                    continue;
                }
                for (int a = 0; a < block.size(); a++) {
                    for (int b = a + 1; b < block.size(); b++) {
                        if (n == pairs.length) {
                            pairs = Arrays.copyOf(pairs, n * 2);
                        }
                        pairs[n++] = pair(block.get(a), block.get(b));
                    }
                }
            }
            // Deduplicate between passes so memory stays proportional to distinct pairs.
            Arrays.sort(pairs, 0, n);
            n = dedupe(pairs, n);
        }
        return Arrays.copyOf(pairs, n);
    }

    static long pair(int i, int j) {
        int lo = Math.min(i, j);
        int hi = Math.max(i, j);
        return ((long) lo << 32) | hi;
    }

    static int first(long pair) {
        return (int) (pair >>> 32);
    }

    static int second(long pair) {
        return (int) pair;
    }

    private static int dedupe(long[] sorted, int n) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || sorted[m - 1] != sorted[i]) {
                sorted[m++] = sorted[i];
            }
        }
        return m;
    }

    private static String nameSounds(MpiRecord r) {
        String g = Comparators.phonetic(r.givenName());
        String f = Comparators.phonetic(r.familyName());
        if (g == null || f == null) {
            return null;
        }
        return g.compareTo(f) <= 0 ? g + "|" + f : f + "|" + g;
    }

    private static String year(MpiRecord r) {
        return r.birthDate() == null || r.birthDate().length() < 4 ? null : r.birthDate().substring(0, 4);
    }

    private static String join(String a, String b) {
        return a == null || b == null ? null : a + "|" + b;
    }
}
