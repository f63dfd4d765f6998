package org.custodian.patient.internal.mpi;

import java.util.HashMap;
import java.util.List;
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
        long[] pairs = blocking.candidatePairs(records);
        long[] patterns = new long[pairs.length];
        IntStream.range(0, pairs.length).parallel().forEach(p -> patterns[p] =
                compare(records.get(Blocking.first(pairs[p])), records.get(Blocking.second(pairs[p]))));
        Map<Long, Integer> counts = new HashMap<>();
        for (long pattern : patterns) {
            counts.merge(pattern, 1, Integer::sum);
        }
        // EM runs over the candidates plus random pairs: blocked pairs alone are mostly matches and
        // EM would mistake within-block structure (a shared birth date) for a match class; random
        // pairs, nearly all non-matches, anchor the non-match class so that the other class is the
        // matches. EM's m is kept. Its u, however, is biased by blocking (all pairs of the
        // birth-date pass share a birth date), so the weights use the chance agreement measured on
        // the random pairs alone: how often two different people agree across the whole index.
        Random random = new Random(RANDOM_PAIR_SEED);
        int n = records.size();
        long possible = (long) n * (n - 1) / 2;
        int sample = (int) Math.min(possible, RANDOM_PAIRS);
        Map<Long, Integer> randomCounts = new HashMap<>();
        for (int s = 0; s < sample && n > 1; s++) {
            int i = random.nextInt(n);
            int j = random.nextInt(n - 1);
            j = j >= i ? j + 1 : j;
            randomCounts.merge(compare(records.get(i), records.get(j)), 1, Integer::sum);
        }
        randomCounts.forEach((pattern, count) -> counts.merge(pattern, count, Integer::sum));
        FellegiSunterModel model = FellegiSunterModel.estimate(FIELDS, counts, 200, 1e-5)
                .withU(FellegiSunterModel.chanceAgreement(FIELDS, randomCounts));
        ValueFrequencies frequencies = new ValueFrequencies(records, settings.maxFrequencyBits());
        double[] weights = new double[pairs.length];
        IntStream.range(0, pairs.length).parallel().forEach(p -> weights[p] = score(model, frequencies,
                records.get(Blocking.first(pairs[p])), patterns[p]));
        return new Linkage(this, records, pairs, patterns, weights, model, frequencies);
    }

    /** A run that compared nothing and carries typical m and u: the model of a too-small index. */
    Linkage typical(List<MpiRecord> records) {
        return new Linkage(this, records, new long[0], new long[0], new double[0], FellegiSunterModel.typical(FIELDS),
                new ValueFrequencies(records, settings.maxFrequencyBits()));
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
        int crossGiven = Comparators.givenName(a.givenName(), b.familyName(), nicknames);
        int crossFamily = Comparators.familyName(a.familyName(), b.givenName());
        if (crossGiven >= 2 && crossFamily >= 2 && crossGiven + crossFamily > levels[given] + levels[family]) {
            levels[given] = crossGiven;
            levels[family] = crossFamily;
        }
        int line1 = MatchField.ADDRESS_1.ordinal();
        int line2 = MatchField.ADDRESS_2.ordinal();
        int cross1 = Comparators.text(a.address1(), b.address2());
        int cross2 = Comparators.text(a.address2(), b.address1());
        if (cross1 >= 1 && cross2 >= 1 && cross1 + cross2 > levels[line1] + levels[line2]) {
            levels[line1] = cross1;
            levels[line2] = cross2;
        }
        return FellegiSunterModel.encode(levels);
    }

    private static double score(FellegiSunterModel model, ValueFrequencies frequencies, MpiRecord a, long pattern) {
        double w = 0;
        for (int f = 0; f < FIELDS.length; f++) {
            int level = FellegiSunterModel.level(pattern, f);
            w += model.weight(f, level) + frequencyBits(frequencies, FIELDS[f], level, a);
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
        return new ScoredComparison(w, decide(w), explain(fitted.model(), fitted.frequencies(), b, pattern));
    }

    record ScoredComparison(double weight, MatchDecision decision, List<FieldContribution> explanation) {
    }

    MatchDecision decide(double weight) {
        if (weight >= settings.linkThreshold()) {
            return MatchDecision.LINK;
        }
        return weight >= settings.reviewThreshold() ? MatchDecision.REVIEW : MatchDecision.NON_MATCH;
    }

    List<FieldContribution> explain(FellegiSunterModel model, ValueFrequencies frequencies, MpiRecord a, long pattern) {
        return IntStream.range(0, FIELDS.length).mapToObj(f -> {
            int level = FellegiSunterModel.level(pattern, f);
            double freq = frequencyBits(frequencies, FIELDS[f], level, a);
            return new FieldContribution(FIELDS[f], level, FIELDS[f].levelName(level), model.weight(f, level) + freq, freq);
        }).toList();
    }
}
