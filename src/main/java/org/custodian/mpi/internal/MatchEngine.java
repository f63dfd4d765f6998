package org.custodian.mpi.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Probabilistic record linkage of a set of records: blocking → field comparison → EM estimate of
 * m and u from the candidate pairs themselves → match weight with frequency-adjusted names →
 * decision by the two thresholds. Stateless; one {@link Linkage} per run.
 */
public final class MatchEngine {

    private static final MatchField[] FIELDS = MatchField.values();
    private static final int RANDOM_PAIRS = 100_000;
    /** Below this many records EM has too few pairs (and u too few random pairs) to learn from: typical m and u serve. */
    static final int MIN_FIT = 1_000;
    private static final long RANDOM_PAIR_SEED = 20261127L;

    private final MpiSettings settings;
    private final Blocking blocking;
    private final Nicknames nicknames;

    public MatchEngine(MpiSettings settings) {
        this(settings, new Blocking(Blocking.STANDARD, settings.maxBlock()), Nicknames.standard());
    }

    MatchEngine(MpiSettings settings, Blocking blocking, Nicknames nicknames) {
        this.settings = settings;
        this.blocking = blocking;
        this.nicknames = nicknames;
    }

    public Linkage link(List<MpiRecord> records) {
        return link(records, null);
    }

    /**
     * Links the records; {@code log}, when not null, gets one line per phase and per blocking pass.
     * Only pairs at or above the review threshold are kept: at a million records the candidates
     * run into the millions, and a non-match is counted (in the pattern histogram) but not stored
     * beyond the comparison phase.
     */
    public Linkage link(List<MpiRecord> records, java.io.PrintStream log) {
        PhaseClock clock = new PhaseClock();
        Blocking.Run run = blocking.run(records);
        List<Compared> chunks = run.forEachPair(p -> new Compared(records, p));
        long compared = 0;
        List<Map<Long, Integer>> samples = new java.util.ArrayList<>();
        blocking.passes().forEach(p -> samples.add(new HashMap<>()));
        for (Compared c : chunks) {
            compared += c.n;
            c.sample.forEach((pattern, k) -> samples.get(c.pass).merge(pattern, k[0], Integer::sum));
        }
        if (log != null) {
            run.stats().forEach(s -> log.println(s.line()));
            log.printf(Locale.ROOT, "phase blocking+compare: %s, %,d candidate pairs (%.1f per record)%n",
                    clock.lap(), compared, records.isEmpty() ? 0.0 : (double) compared / records.size());
        }
        // Below MIN_FIT registrations there is nothing to fit on: the "random pairs" that measure u
        // are a handful (with two registrations, the one pair there is, the duplicate itself: u = m)
        // and EM takes whatever few candidate pairs there are for the match class. Typical m and u
        // serve, as they do for the registration screen of such an index (IndexModel).
        FellegiSunterModel model = records.size() < MIN_FIT ? FellegiSunterModel.typical(FIELDS).fellBack()
                : fit(records, samples, run.stats(), log);
        ValueFrequencies frequencies = new ValueFrequencies(records, settings.maxFrequencyBits());
        if (log != null) {
            log.printf(Locale.ROOT, "phase EM: %s, estimated match share of the candidates %.4f%n", clock.lap(), model.prior());
            log.print(model.describe());
        }
        // Scores in parallel, chunk by chunk; the weight of a pattern before the value-frequency
        // adjustment is the same for every pair that has it.
        Map<Long, double[]> fieldWeights = new java.util.concurrent.ConcurrentHashMap<>();
        double review = settings.reviewThreshold(records.size());
        long householdPairs = chunks.stream().mapToLong(c -> c.households).sum();
        // Where EM found no plausible same-person class (an index without duplicates: the prior m
        // serves), another given name with another surname is a stranger whatever the rest: the
        // household rules apply as they do to an index of households.
        boolean households = householdPairs >= FamilyRules.HOUSEHOLD_SHARE * records.size() || model.iterations() < 0;
        if (log != null) {
            log.printf(Locale.ROOT, "households: %,d pairs of one surname and house with another given name and birth date: household rules %s%n",
                    householdPairs, households ? "on" : "off (only suffix and all-differ rules)");
        }
        List<Kept> kept = chunks.parallelStream().map(c -> {
            Kept k = new Kept();
            for (int x = 0; x < c.n; x++) {
                long pattern = c.patterns[x];
                if (FamilyRules.verdict(pattern, households) == FamilyRules.Verdict.NON_MATCH) {
                    continue;
                }
                double[] fw = fieldWeights.computeIfAbsent(FamilyRules.levelsOnly(pattern), pt -> fieldWeights(model, pt));
                double w = fw[FIELDS.length];
                MpiRecord a = records.get(c.first[x]);
                for (int f = 0; f < FIELDS.length; f++) {
                    if (fw[f] != 0) {
                        w += frequencyBits(frequencies, FIELDS[f], FellegiSunterModel.level(pattern, f), a);
                    }
                }
                if (w >= review) {
                    k.add(Blocking.pair(c.first[x], c.second[x]), pattern, w);
                }
            }
            return k;
        }).toList();
        chunks = null;
        int n = kept.stream().mapToInt(k -> k.n).sum();
        long[] pairs = new long[n];
        long[] patterns = new long[n];
        double[] weights = new double[n];
        int at = 0;
        for (Kept k : kept) {
            System.arraycopy(k.pairs, 0, pairs, at, k.n);
            System.arraycopy(k.patterns, 0, patterns, at, k.n);
            System.arraycopy(k.weights, 0, weights, at, k.n);
            at += k.n;
        }
        if (log != null) {
            log.printf(Locale.ROOT, "phase scoring: %s, %,d pairs at or above the review threshold (%.1f bits for %,d records; link %.1f)%n",
                    clock.lap(), n, review, records.size(), settings.linkThreshold(records.size()));
        }
        return new Linkage(this, records, records.size(), compared, pairs, patterns, weights, model, frequencies, households);
    }

    /**
     * m and u. u is the chance agreement measured on random pairs: how often two different people
     * agree across the whole index. m is fitted by EM (with u held) pass by pass, on a random
     * sample of each pass's pairs, with the fields that pass blocks on held out: the pairs of the
     * birth-date pass all share a birth date, so that pass says nothing about m of birth date, and
     * EM on it would take the shared date for a sign of a match; the postcode passes' pairs all
     * share postcode, city and state and so hold out where the person lives. Fitting all
     * candidates at once let the match class learn "lives at the same address" (precision 0.07 at
     * 20,000 people). Each field's m is the average over the passes that do not hold it out,
     * weighted by how reliable each pass's fit is.
     */
    private FellegiSunterModel fit(List<MpiRecord> records, List<Map<Long, Integer>> samples, List<Blocking.PassStats> stats,
                                   java.io.PrintStream log) {
        Map<Long, Integer> randomCounts = randomPairs(records);
        double[][] u = FellegiSunterModel.chanceAgreement(FIELDS, randomCounts);
        List<Blocking.Pass> passes = blocking.passes();
        double[][] mSum = new double[FIELDS.length][];
        double[] weightSum = new double[FIELDS.length];
        for (int f = 0; f < FIELDS.length; f++) {
            mSum[f] = new double[FIELDS[f].levelCount()];
        }
        double matches = 0;
        double pairs = 0;
        int plausiblePasses = 0;
        for (int p = 0; p < passes.size(); p++) {
            Blocking.Pass pass = passes.get(p);
            long mask = 0;
            for (MatchField f : pass.heldOut()) {
                mask |= (long) FellegiSunterModel.MISSING_CODE << (FellegiSunterModel.BITS * f.ordinal());
            }
            Map<Long, Integer> masked = new HashMap<>();
            final long m = mask;
            samples.get(p).forEach((pattern, k) -> masked.merge(pattern | m, k, Integer::sum));
            if (masked.isEmpty()) {
                continue;
            }
            FellegiSunterModel fit = FellegiSunterModel.estimate(FIELDS, masked, u, 200, 1e-6);
            double passMatches = fit.prior() * stats.get(p).blockPairs();
            matches += passMatches;
            pairs += stats.get(p).blockPairs();
            if (log != null) {
                log.printf(Locale.ROOT, "  EM on pass %-28s %d iterations, match share %.4f (%.0f matches)%n", pass.name(),
                        fit.iterations(), fit.prior(), passMatches);
            }
            // A pass counts by its matches times their share: a pass whose pairs are mostly the same
            // person (shared SSN) teaches m far more reliably than one where EM picks a few hundred
            // matches out of half a million pairs (shared phone), and may pick a household instead.
            String implausible = implausible(fit, pass, passMatches, records.size());
            if (implausible != null) {
                if (log != null) {
                    log.printf(Locale.ROOT, "    fit of pass %s set aside: %s%n", pass.name(), implausible);
                }
                continue;
            }
            plausiblePasses++;
            double reliability = passMatches * fit.prior();
            for (int f = 0; f < FIELDS.length; f++) {
                if (pass.heldOut().contains(FIELDS[f]) || !present(masked, f)) {
                    continue;
                }
                for (int l = 0; l < mSum[f].length; l++) {
                    mSum[f][l] += reliability * fit.m(f, l);
                }
                weightSum[f] += reliability;
            }
        }
        FellegiSunterModel typical = FellegiSunterModel.typical(FIELDS);
        double[][] mFit = new double[FIELDS.length][];
        for (int f = 0; f < FIELDS.length; f++) {
            mFit[f] = new double[mSum[f].length];
            for (int l = 0; l < mFit[f].length; l++) {
                // A field no pass could fit (absent from the data, or held out everywhere) keeps typical m.
                mFit[f][l] = weightSum[f] > 0 ? mSum[f][l] / weightSum[f] : typical.m(f, l);
            }
        }
        FellegiSunterModel fitted = FellegiSunterModel.of(FIELDS, mFit, u, pairs == 0 ? 0 : matches / pairs);
        // -1 iterations: no pass fitted a plausible same-person class (see implausible()).
        return plausiblePasses == 0 && !passes.isEmpty() ? fitted.fellBack() : fitted;
    }

    private static final MatchField[] IDENTITY = {MatchField.GIVEN_NAME, MatchField.FAMILY_NAME, MatchField.BIRTH_DATE, MatchField.SSN};

    /**
     * The guard on EM: why a pass's fit cannot be the same-person class, or null when it can. EM
     * finds the strongest cluster among a pass's pairs, and where there are few duplicates (an index
     * already cleaned, a new installation) that cluster is something else: households (surname and
     * address shared, given names differ) or strangers who share a birth date. A class that holds
     * more pairs than there are records, or in which the identifying fields a pass does not hold out
     * disagree more often than they agree, is not people registered twice; its m is set aside, and a
     * field no plausible pass fitted keeps the prior (typical) m.
     */
    static String implausible(FellegiSunterModel fit, Blocking.Pass pass, double passMatches, int records) {
        if (passMatches > records) {
            return String.format(Locale.ROOT, "%.0f matches among %,d records", passMatches, records);
        }
        for (MatchField f : IDENTITY) {
            if (pass.heldOut().contains(f)) {
                continue;
            }
            int top = f.levelCount() - 1;
            double m0 = fit.m(f.ordinal(), 0);
            double mTop = fit.m(f.ordinal(), top);
            if (m0 > 0.5 || m0 > mTop || mTop <= fit.u(f.ordinal(), top)) {
                return String.format(Locale.ROOT, "%s disagrees among the matches (m %.3f for different, %.3f for exact)", f, m0, mTop);
            }
        }
        return null;
    }

    private static boolean present(Map<Long, Integer> patterns, int field) {
        for (long pattern : patterns.keySet()) {
            if (FellegiSunterModel.level(pattern, field) >= 0) {
                return true;
            }
        }
        return false;
    }

    private Map<Long, Integer> randomPairs(List<MpiRecord> records) {
        Random random = new Random(RANDOM_PAIR_SEED);
        int n = records.size();
        long possible = (long) n * (n - 1) / 2;
        int sample = (int) Math.min(possible, RANDOM_PAIRS);
        Map<Long, Integer> randomCounts = new HashMap<>();
        for (int s = 0; s < sample && n > 1; s++) {
            int i = random.nextInt(n);
            int j = random.nextInt(n - 1);
            j = j >= i ? j + 1 : j;
            randomCounts.merge(FamilyRules.levelsOnly(compare(records.get(i), records.get(j))), 1, Integer::sum);
        }
        return randomCounts;
    }

    private static final int[] STREET = {MatchField.STREET_NUMBER.ordinal(), MatchField.ADDRESS_1.ordinal(), MatchField.ADDRESS_2.ordinal()};
    private static final int[] AREA = {MatchField.CITY.ordinal(), MatchField.POSTCODE.ordinal(), MatchField.STATE.ordinal()};

    /**
     * Each field's weight in a pattern, the location fields scored together, and their sum (at
     * index {@code FIELDS.length}). The address parts are not independent: a person who moved
     * disagrees on all of them at once, for one reason, so only the strongest disagreement of the
     * street (number, street, second line) and of the area (town, postcode, state) counts;
     * town, postcode and state are nested (the same street number and street in the same postcode
     * all but implies the same town), so only the strongest of their agreements counts. A zero
     * weight means the field's evidence is already counted by another (no frequency bits either).
     */
    static double[] fieldWeights(FellegiSunterModel model, long pattern) {
        double[] w = new double[FIELDS.length + 1];
        for (int f = 0; f < FIELDS.length; f++) {
            w[f] = model.weight(f, FellegiSunterModel.level(pattern, f));
        }
        for (int[] group : new int[][] {STREET, AREA}) {
            int worst = -1;
            for (int f : group) {
                if (w[f] < 0 && (worst < 0 || w[f] < w[worst])) {
                    worst = f;
                }
            }
            for (int f : group) {
                if (w[f] < 0 && f != worst) {
                    w[f] = 0;
                }
            }
        }
        int best = -1;
        for (int f : AREA) {
            if (w[f] > 0 && (best < 0 || w[f] > w[best])) {
                best = f;
            }
        }
        for (int f : AREA) {
            if (w[f] > 0 && f != best) {
                w[f] = 0;
            }
        }
        for (int f = 0; f < FIELDS.length; f++) {
            w[FIELDS.length] += w[f];
        }
        return w;
    }

    /** One chunk of blocks' candidate pairs and their comparison patterns, in primitive arrays. */
    private final class Compared implements Blocking.PairSink {
        private final List<MpiRecord> records;
        final int pass;
        int[] first = new int[256];
        int[] second = new int[256];
        long[] patterns = new long[256];
        int n;
        /** Pairs that show households ({@link FamilyRules#householdEvidence}). */
        long households;
        /** The pass's sample for fitting m: pattern → pairs. */
        final Map<Long, int[]> sample = new HashMap<>();

        Compared(List<MpiRecord> records, int pass) {
            this.records = records;
            this.pass = pass;
        }

        @Override
        public void pair(int i, int j, boolean isFirst, boolean inSample) {
            long pattern = compare(records.get(i), records.get(j));
            if (inSample) {
                sample.computeIfAbsent(FamilyRules.levelsOnly(pattern), x -> new int[1])[0]++;
            }
            if (!isFirst) {
                return;
            }
            if (FamilyRules.householdEvidence(pattern)) {
                households++;
            }
            if (n == first.length) {
                int size = n + (n >> 1);
                first = java.util.Arrays.copyOf(first, size);
                second = java.util.Arrays.copyOf(second, size);
                patterns = java.util.Arrays.copyOf(patterns, size);
            }
            first[n] = i;
            second[n] = j;
            patterns[n++] = pattern;
        }
    }

    /** The pairs of one chunk that scored at or above the review threshold. */
    private static final class Kept {
        long[] pairs = new long[16];
        long[] patterns = new long[16];
        double[] weights = new double[16];
        int n;

        void add(long pair, long pattern, double weight) {
            if (n == pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, n * 2);
                patterns = java.util.Arrays.copyOf(patterns, n * 2);
                weights = java.util.Arrays.copyOf(weights, n * 2);
            }
            pairs[n] = pair;
            patterns[n] = pattern;
            weights[n++] = weight;
        }
    }

    /** A run that compared nothing and carries typical m and u: the model of a too-small index. */
    Linkage typical(List<MpiRecord> records) {
        return new Linkage(this, records, records.size(), 0, new long[0], new long[0], new double[0], FellegiSunterModel.typical(FIELDS),
                new ValueFrequencies(records, settings.maxFrequencyBits()), true);
    }

    long compare(MpiRecord a, MpiRecord b) {
        int[] levels = new int[FIELDS.length];
        for (int f = 0; f < FIELDS.length; f++) {
            levels[f] = FIELDS[f].compare(a, b, nicknames);
        }
        // Clerks put given name in the family-name box and a street in the second address line:
        // when the crossed comparison agrees better than the straight one, it is the one that counts.
        int given = MatchField.GIVEN_NAME.ordinal();
        int family = MatchField.FAMILY_NAME.ordinal();
        // (Skipped when the straight names agree exactly, or an address has no second line: then
        // nothing crossed can agree better, and the scan saves four string comparisons a pair.)
        if (levels[given] + levels[family] < 6) {
            int crossGiven = Comparators.givenName(a.givenName(), b.familyName(), nicknames);
            int crossFamily = crossGiven >= 2 ? Comparators.familyName(a.familyName(), b.givenName()) : Comparators.MISSING;
            if (crossGiven >= 2 && crossFamily >= 2 && crossGiven + crossFamily > levels[given] + levels[family]) {
                levels[given] = crossGiven;
                levels[family] = crossFamily;
            }
        }
        int line1 = MatchField.ADDRESS_1.ordinal();
        int line2 = MatchField.ADDRESS_2.ordinal();
        if (levels[line2] != Comparators.MISSING) {
            int cross1 = Comparators.text(a.address1(), b.address2());
            int cross2 = Comparators.text(a.address2(), b.address1());
            if (cross1 >= 1 && cross2 >= 1 && cross1 + cross2 > levels[line1] + levels[line2]) {
                levels[line1] = cross1;
                levels[line2] = cross2;
            }
        }
        return FellegiSunterModel.encode(levels) | FamilyRules.bits(a, b, levels);
    }

    private static double score(FellegiSunterModel model, ValueFrequencies frequencies, MpiRecord a, long pattern) {
        double[] fw = fieldWeights(model, pattern);
        double w = fw[FIELDS.length];
        for (int f = 0; f < FIELDS.length; f++) {
            if (fw[f] != 0) {
                w += frequencyBits(frequencies, FIELDS[f], FellegiSunterModel.level(pattern, f), a);
            }
        }
        return w;
    }

    private static double frequencyBits(ValueFrequencies frequencies, MatchField field, int level, MpiRecord a) {
        if (!field.frequencyAdjusted() || level != field.levelCount() - 1) {
            return 0;
        }
        return frequencies.adjustment(field, field.value(a));
    }

    /**
     * A pair outside the fitted run (a new registration against the index), scored with the run's
     * m, u and value frequencies; {@code b} is the registered record whose value rarity counts.
     */
    ScoredComparison score(Linkage fitted, MpiRecord a, MpiRecord b) {
        long pattern = compare(a, b);
        double w = score(fitted.model(), fitted.frequencies(), b, pattern);
        return new ScoredComparison(w, decide(w, pattern, fitted.indexSize(), fitted.households()), explain(fitted.model(), fitted.frequencies(), b, pattern),
                FamilyRules.reason(pattern));
    }

    record ScoredComparison(double weight, MatchDecision decision, List<FieldContribution> explanation, FamilyRules.Reason household) {
    }

    /** The decision for a weight in an index of {@code indexSize} registrations (see {@link MpiSettings#sizeBits}). */
    MatchDecision decide(double weight, long indexSize) {
        // Every field missing: no rule has anything to say.
        return decide(weight, ~0L >>> (64 - FellegiSunterModel.BITS * FIELDS.length), indexSize, false);
    }

    /** As above, within what the household rules ({@link FamilyRules}) carried in the pattern allow. */
    MatchDecision decide(double weight, long pattern, long indexSize, boolean households) {
        FamilyRules.Verdict verdict = FamilyRules.verdict(pattern, households);
        if (verdict == FamilyRules.Verdict.NON_MATCH) {
            return MatchDecision.NON_MATCH;
        }
        if (weight >= settings.linkThreshold(indexSize) && verdict == FamilyRules.Verdict.ANY) {
            return MatchDecision.LINK;
        }
        return weight >= settings.reviewThreshold(indexSize) ? MatchDecision.REVIEW : MatchDecision.NON_MATCH;
    }

    MpiSettings settings() {
        return settings;
    }

    List<FieldContribution> explain(FellegiSunterModel model, ValueFrequencies frequencies, MpiRecord a, long pattern) {
        double[] fw = fieldWeights(model, pattern);
        return IntStream.range(0, FIELDS.length).mapToObj(f -> {
            int level = FellegiSunterModel.level(pattern, f);
            double freq = fw[f] == 0 ? 0 : frequencyBits(frequencies, FIELDS[f], level, a);
            return new FieldContribution(FIELDS[f], level, FIELDS[f].levelName(level), fw[f] + freq, freq);
        }).toList();
    }
}
