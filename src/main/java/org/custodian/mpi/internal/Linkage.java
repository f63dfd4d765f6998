package org.custodian.mpi.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one linkage run: how many candidate pairs were compared, the pairs at or above the
 * review threshold with their match weights, the fitted model, explanations on demand.
 */
public final class Linkage {

    private final MatchEngine engine;
    private final List<MpiRecord> records;
    private final long indexSize;
    private final long compared;
    private final long[] pairs;
    private final long[] patterns;
    private final double[] weights;
    private final FellegiSunterModel model;
    private final ValueFrequencies frequencies;
    private final boolean households;

    Linkage(MatchEngine engine, List<MpiRecord> records, long indexSize, long compared, long[] pairs, long[] patterns, double[] weights,
            FellegiSunterModel model, ValueFrequencies frequencies, boolean households) {
        this.households = households;
        this.engine = engine;
        this.records = records;
        this.indexSize = indexSize;
        this.compared = compared;
        this.pairs = pairs;
        this.patterns = patterns;
        this.weights = weights;
        this.model = model;
        this.frequencies = frequencies;
    }

    /** Number of candidate pairs compared. */
    public long comparedPairs() {
        return compared;
    }

    /** Number of pairs kept: those at or above the review threshold, the only ones a run stores. */
    public int keptPairs() {
        return pairs.length;
    }

    public int first(int pair) {
        return Blocking.first(pairs[pair]);
    }

    public int second(int pair) {
        return Blocking.second(pairs[pair]);
    }

    /** The pair's comparison pattern: field levels and the household rules' verdict ({@link FamilyRules}). */
    long pattern(int pair) {
        return patterns[pair];
    }

    public double weight(int pair) {
        return weights[pair];
    }

    public MatchDecision decision(int pair) {
        return engine.decide(weights[pair], patterns[pair], indexSize, households);
    }

    /** Registrations of the index whose pairs this run's model decides: the thresholds rise with it. */
    public long indexSize() {
        return indexSize;
    }

    /** This run's model for deciding pairs of an index of another size (fitted on a sample, used on the whole). */
    Linkage forIndexSize(long size) {
        return new Linkage(engine, records, size, compared, pairs, patterns, weights, model, frequencies, households);
    }

    public ScoredPair scored(int pair) {
        return new ScoredPair(first(pair), second(pair), weights[pair], decision(pair), explain(pair));
    }

    /** Per-field contributions; they add up to the pair's weight. */
    public List<FieldContribution> explain(int pair) {
        return engine.explain(model, frequencies, records.get(first(pair)), patterns[pair]);
    }

    /** The pairs with the given decision. */
    public List<ScoredPair> withDecision(MatchDecision decision) {
        List<ScoredPair> out = new ArrayList<>();
        for (int p = 0; p < pairs.length; p++) {
            if (decision(p) == decision) {
                out.add(scored(p));
            }
        }
        return out;
    }

    /** Whether the linked records hold households (spouses, siblings, twins at one address): the household rules apply. */
    boolean households() {
        return households;
    }

    ValueFrequencies frequencies() {
        return frequencies;
    }

    FellegiSunterModel model() {
        return model;
    }
}
