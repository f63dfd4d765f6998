package org.custodian.mpi.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Candidate pairs from several blocking passes: two records are compared when they share the key
 * of at least one pass. Each pass leans on different fields, so a typo in one field (the surname,
 * the birth year, the postcode) hides a pair from some passes but not from all of them.
 *
 * <p>It has to scale to an index of millions without a quadratic blow-up or a set of every pair:
 * <ul>
 * <li>A block larger than {@code maxBlock} records is split by the pass's second key ("SM0" born
 * 1970 becomes "SM0" born 1970 in March); a block still too large is skipped for that pass (the
 * other passes cover it) and counted, so the skipped keys are visible in the scan's output.</li>
 * <li>Pairs are not collected into a set to remove those found by several passes. Each record
 * keeps its effective key of every pass, and a pair is emitted only by the first pass whose
 * blocks put the two records together: a later pass checks the earlier passes' keys of the two
 * records, which costs a few array reads instead of memory per pair.</li>
 * <li>Blocks are enumerated in parallel, each chunk of blocks into its own sink.</li>
 * </ul>
 */
final class Blocking {

    /** A named blocking key and the key that splits its oversized blocks; null when the record lacks the fields. */
    record Pass(String name, Function<MpiRecord, String> key, Function<MpiRecord, String> split, Set<MatchField> heldOut) {
    }

    /**
     * Receives candidate pairs (record indexes, i < j); one per chunk of blocks of one pass, so it
     * needs no locking. {@code first}: this pass is the first to put the two together (each pair
     * is first exactly once). {@code sample}: the pair is in the pass's sample for fitting m — a
     * random share of all the pass's pairs, the first or not, so that it is not biased by what
     * the earlier passes already found.
     */
    interface PairSink {
        void pair(int i, int j, boolean first, boolean sample);
    }

    /** What one pass did: keys, blocks, how many were split or skipped as too large, pairs it contributed. */
    record PassStats(String name, int blocks, int splitKeys, int skippedKeys, int skippedRecords, long pairs,
                     long alreadySeen) {

        String line() {
            return String.format(Locale.ROOT, "  pass %-28s blocks=%,d split keys=%,d skipped keys=%,d (%,d records) new pairs=%,d already seen=%,d",
                    name, blocks, splitKeys, skippedKeys, skippedRecords, pairs, alreadySeen);
        }

        /** All pairs of the pass's blocks, new or not. */
        long blockPairs() {
            return pairs + alreadySeen;
        }
    }

    /** Where a person lives: these fields move together (a move changes all of them, a household shares them). */
    static final Set<MatchField> LOCATION = Set.of(MatchField.STREET_NUMBER, MatchField.ADDRESS_1, MatchField.ADDRESS_2,
            MatchField.CITY, MatchField.POSTCODE, MatchField.STATE, MatchField.PHONE);

    private static Set<MatchField> with(Set<MatchField> group, MatchField... more) {
        java.util.EnumSet<MatchField> s = java.util.EnumSet.copyOf(group);
        s.addAll(List.of(more));
        return Set.copyOf(s);
    }

    /**
     * The passes. {@code heldOut}: the fields a pass's pairs agree on by construction (its keys,
     * split keys and the fields that go with them: a shared postcode brings a shared city and
     * state, a shared given name mostly a shared sex), which its sample therefore cannot teach m for.
     */
    static final List<Pass> STANDARD = List.of(
            new Pass("family sound + birth year", r -> join(Comparators.phonetic(r.familyName()), year(r)), Blocking::month,
                    Set.of(MatchField.FAMILY_NAME, MatchField.BIRTH_DATE)),
            new Pass("given sound + postcode", r -> join(Comparators.phonetic(r.givenName()), r.postcode()), Blocking::year,
                    with(LOCATION, MatchField.GIVEN_NAME, MatchField.SEX, MatchField.BIRTH_DATE)),
            // Sorted, so that a record with given and family name swapped meets its twin.
            new Pass("name sounds, either order", Blocking::nameSounds, Blocking::year,
                    Set.of(MatchField.GIVEN_NAME, MatchField.FAMILY_NAME, MatchField.SEX, MatchField.BIRTH_DATE)),
            new Pass("family sound + postcode", r -> join(Comparators.phonetic(r.familyName()), r.postcode()), Blocking::year,
                    with(LOCATION, MatchField.FAMILY_NAME, MatchField.BIRTH_DATE)),
            new Pass("postcode + street number", r -> join(r.postcode(), r.streetNumber()), Blocking::year,
                    with(LOCATION, MatchField.BIRTH_DATE)),
            new Pass("ssn", MpiRecord::ssn, Blocking::givenSound, Set.of(MatchField.SSN, MatchField.GIVEN_NAME, MatchField.SEX)),
            // Married names change the surname, not the given name: a crowded birth date splits by given name.
            new Pass("birth date", MpiRecord::birthDate, Blocking::givenSound, Set.of(MatchField.BIRTH_DATE, MatchField.GIVEN_NAME, MatchField.SEX)),
            new Pass("phone", MpiRecord::phone, Blocking::year, with(LOCATION, MatchField.BIRTH_DATE)),
            new Pass("street number + street", r -> join(r.streetNumber(), r.address1()), Blocking::year,
                    with(LOCATION, MatchField.BIRTH_DATE)));

    /** Sample size per pass for fitting m. */
    static final int SAMPLE_PER_PASS = 50_000;

    /** Effective key of a record that has no block in a pass (key missing, or its block skipped). */
    static final long NONE = -1;
    private static final int INDEX_BITS = 26;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;
    /** Marks a block id made of a key and its split key, so it never equals a plain key's id. */
    private static final long SPLIT_FLAG = 1L << (62 - INDEX_BITS);

    private final List<Pass> passes;
    private final int maxBlock;

    Blocking(List<Pass> passes, int maxBlock) {
        this.passes = passes;
        this.maxBlock = Math.max(2, maxBlock);
    }

    /** One run of the passes over a set of records: each record's effective key per pass. */
    final class Run {
        private final List<MpiRecord> records;
        private final long[][] keys;
        private final List<PassStats> stats = new ArrayList<>();

        private Run(List<MpiRecord> records) {
            if (records.size() > INDEX_MASK) {
                throw new IllegalArgumentException("blocking supports up to " + INDEX_MASK + " records");
            }
            this.records = records;
            this.keys = new long[passes.size()][];
        }

        /**
         * Emits every candidate pair exactly once, pass by pass; {@code sinks} makes one sink per
         * chunk of blocks. Returns the sinks in a fixed order (pass, then chunk).
         */
        <S extends PairSink> List<S> forEachPair(IntFunction<S> sinks) {
            List<S> out = new ArrayList<>();
            for (int p = 0; p < passes.size(); p++) {
                int[] members = block(p);
                int[] starts = blockStarts(p, members);
                out.addAll(enumerate(p, members, starts, sinks));
            }
            return out;
        }

        List<PassStats> stats() {
            return List.copyOf(stats);
        }

        /** Whether some pass put records i and j in one block. */
        boolean together(int i, int j) {
            for (long[] k : keys) {
                if (k != null && k[i] != NONE && k[i] == k[j]) {
                    return true;
                }
            }
            return false;
        }

        /** Sorts the records of pass p by key, splits and skips oversized blocks; returns the members in block order. */
        private int[] block(int p) {
            Pass pass = passes.get(p);
            int n = records.size();
            long[] k = new long[n];
            IntStream.range(0, n).parallel().forEach(i -> k[i] = blockId(hash(pass.key().apply(records.get(i)))));
            long[] packed = pack(k);
            Arrays.parallelSort(packed);
            int splitKeys = 0;
            int skippedKeys = 0;
            int skippedRecords = 0;
            for (int s = 0; s < packed.length && packed[s] != Long.MAX_VALUE; ) {
                int e = runEnd(packed, s);
                if (e - s > maxBlock) {
                    splitKeys++;
                    for (int x = s; x < e; x++) {
                        int i = (int) (packed[x] & INDEX_MASK);
                        long h = hash(pass.split().apply(records.get(i)));
                        // A record without the second key leaves the crowded block; the other passes still see it.
                        k[i] = h == NONE ? NONE : SPLIT_FLAG | blockId(mix(h ^ k[i]) >>> 2);
                        packed[x] = k[i] == NONE ? Long.MAX_VALUE : (k[i] << INDEX_BITS) | i;
                    }
                    Arrays.sort(packed, s, e);
                    for (int x = s; x < e; ) {
                        int y = runEnd(packed, x);
                        if (packed[x] == Long.MAX_VALUE) {
                            break;
                        }
                        if (y - x > maxBlock) {
                            skippedKeys++;
                            skippedRecords += y - x;
                            for (int z = x; z < y; z++) {
                                k[(int) (packed[z] & INDEX_MASK)] = NONE;
                                packed[z] = Long.MAX_VALUE;
                            }
                        }
                        x = y;
                    }
                }
                s = e;
            }
            keys[p] = k;
            // Records without a block of this pass sort last as MAX_VALUE; the members are the rest.
            Arrays.parallelSort(packed);
            int m = 0;
            while (m < packed.length && packed[m] != Long.MAX_VALUE) {
                m++;
            }
            int[] members = new int[m];
            for (int x = 0; x < m; x++) {
                members[x] = (int) (packed[x] & INDEX_MASK);
            }
            stats.add(new PassStats(pass.name(), 0, splitKeys, skippedKeys, skippedRecords, 0, 0));
            return members;
        }

        /** Start offsets of the blocks of two or more in {@code members}, plus the end offset. */
        private int[] blockStarts(int p, int[] members) {
            long[] k = keys[p];
            int[] starts = new int[16];
            int b = 0;
            for (int s = 0; s < members.length; ) {
                int e = s + 1;
                while (e < members.length && k[members[e]] == k[members[s]]) {
                    e++;
                }
                if (e - s >= 2) {
                    if (b + 2 > starts.length) {
                        starts = Arrays.copyOf(starts, starts.length * 2);
                    }
                    starts[b++] = s;
                    starts[b++] = e;
                }
                s = e;
            }
            return Arrays.copyOf(starts, b);
        }

        private <S extends PairSink> List<S> enumerate(int p, int[] members, int[] blocks, IntFunction<S> sinks) {
            // Chunks of blocks with about equal numbers of pairs, a few per core, for the parallel stream.
            long total = 0;
            for (int b = 0; b < blocks.length; b += 2) {
                long size = blocks[b + 1] - blocks[b];
                total += size * (size - 1) / 2;
            }
            long perChunk = Math.max(10_000, total / (8L * Runtime.getRuntime().availableProcessors()));
            // A pair is in the sample when a hash of it falls below the pass's rate: random, repeatable.
            long sampleBelow = total <= SAMPLE_PER_PASS ? Long.MAX_VALUE
                    : (long) ((double) SAMPLE_PER_PASS / total * Long.MAX_VALUE);
            List<int[]> chunks = new ArrayList<>();
            int from = 0;
            long acc = 0;
            for (int b = 0; b < blocks.length; b += 2) {
                long size = blocks[b + 1] - blocks[b];
                acc += size * (size - 1) / 2;
                if (acc >= perChunk) {
                    chunks.add(new int[] {from, b + 2});
                    from = b + 2;
                    acc = 0;
                }
            }
            if (from < blocks.length) {
                chunks.add(new int[] {from, blocks.length});
            }
            long[] emitted = new long[chunks.size()];
            long[] seen = new long[chunks.size()];
            List<S> out = IntStream.range(0, chunks.size()).parallel().mapToObj(c -> {
                S sink = sinks.apply(p);
                long e = 0;
                long already = 0;
                for (int b = chunks.get(c)[0]; b < chunks.get(c)[1]; b += 2) {
                    for (int x = blocks[b]; x < blocks[b + 1]; x++) {
                        for (int y = x + 1; y < blocks[b + 1]; y++) {
                            int i = Math.min(members[x], members[y]);
                            int j = Math.max(members[x], members[y]);
                            boolean sample = sampleBelow == Long.MAX_VALUE || (mix(pair(i, j) + p) >>> 1) < sampleBelow;
                            boolean first = !seenBefore(p, i, j);
                            if (first) {
                                e++;
                            } else {
                                already++;
                            }
                            if (first || sample) {
                                sink.pair(i, j, first, sample);
                            }
                        }
                    }
                }
                emitted[c] = e;
                seen[c] = already;
                return sink;
            }).toList();
            PassStats s = stats.get(p);
            stats.set(p, new PassStats(s.name(), blocks.length / 2, s.splitKeys(), s.skippedKeys(), s.skippedRecords(),
                    Arrays.stream(emitted).sum(), Arrays.stream(seen).sum()));
            return out;
        }

        /** Whether an earlier pass already put i and j in one block (and so emitted the pair). */
        private boolean seenBefore(int p, int i, int j) {
            for (int q = 0; q < p; q++) {
                long a = keys[q][i];
                if (a != NONE && a == keys[q][j]) {
                    return true;
                }
            }
            return false;
        }
    }

    List<Pass> passes() {
        return passes;
    }

    Run run(List<MpiRecord> records) {
        return new Run(records);
    }

    /** Distinct candidate pairs, each encoded as {@code (i << 32) | j} with record indexes i < j, sorted. For small sets and tests. */
    long[] candidatePairs(List<MpiRecord> records) {
        final class Collect implements PairSink {
            long[] pairs = new long[64];
            int n;

            public void pair(int i, int j, boolean first, boolean sample) {
                if (!first) {
                    return;
                }
                if (n == pairs.length) {
                    pairs = Arrays.copyOf(pairs, n * 2);
                }
                pairs[n++] = Blocking.pair(i, j);
            }
        }
        List<Collect> sinks = run(records).forEachPair(p -> new Collect());
        long[] all = sinks.stream().flatMapToLong(c -> Arrays.stream(c.pairs, 0, c.n)).toArray();
        Arrays.sort(all);
        return all;
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

    /** The record indexes with their key hash above them, for one sort; records without a key last. */
    private static long[] pack(long[] k) {
        long[] packed = new long[k.length];
        for (int i = 0; i < k.length; i++) {
            packed[i] = k[i] == NONE ? Long.MAX_VALUE : (k[i] << INDEX_BITS) | i;
        }
        return packed;
    }

    private static int runEnd(long[] packed, int s) {
        long key = packed[s] >>> INDEX_BITS;
        int e = s + 1;
        while (e < packed.length && packed[e] >>> INDEX_BITS == key) {
            e++;
        }
        return e;
    }

    /** A 62-bit hash's top 36 bits: the block a key puts its record in (NONE stays NONE). */
    private static long blockId(long hash) {
        return hash == NONE ? NONE : hash >>> INDEX_BITS;
    }

    /**
     * A key's 62-bit hash (non-negative, so never {@link #NONE}); only its top 36 bits decide the
     * block. Two keys sharing those bits merely put extra pairs in front of the comparators.
     */
    static long hash(String key) {
        if (key == null) {
            return NONE;
        }
        long h = 0xcbf29ce484222325L;
        for (int c = 0; c < key.length(); c++) {
            h = (h ^ key.charAt(c)) * 0x100000001b3L;
        }
        return mix(h) >>> 2;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static String nameSounds(MpiRecord r) {
        String g = Comparators.phonetic(r.givenName());
        String f = Comparators.phonetic(r.familyName());
        if (g == null || f == null) {
            return null;
        }
        return g.compareTo(f) <= 0 ? g + "|" + f : f + "|" + g;
    }

    private static String givenSound(MpiRecord r) {
        return Comparators.phonetic(r.givenName());
    }

    private static String year(MpiRecord r) {
        return r.birthDate() == null || r.birthDate().length() < 4 ? null : r.birthDate().substring(0, 4);
    }

    private static String month(MpiRecord r) {
        return r.birthDate() == null || r.birthDate().length() < 6 ? null : r.birthDate().substring(4, 6);
    }

    private static String join(String a, String b) {
        return a == null || b == null ? null : a + "|" + b;
    }
}
