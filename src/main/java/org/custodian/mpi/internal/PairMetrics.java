package org.custodian.mpi.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pair-level quality of a linkage against the truth. A pair counts as predicted a match only when
 * the engine would link it automatically (weight ≥ link threshold); review-band pairs count as
 * non-matches here, the conservative reading (nothing links until a person decides).
 */
public record PairMetrics(long compared, long truePairs, long truePositives, long falsePositives, long reviewPairs,
                          long trueInReview) {

    /** {@code entities.get(i)} is the true entity of record i. */
    static PairMetrics of(Linkage linkage, List<String> entities) {
        Map<String, Integer> sizes = new HashMap<>();
        entities.forEach(e -> sizes.merge(e, 1, Integer::sum));
        long truePairs = sizes.values().stream().mapToLong(n -> (long) n * (n - 1) / 2).sum();
        long tp = 0;
        long fp = 0;
        long review = 0;
        long trueReview = 0;
        for (int p = 0; p < linkage.keptPairs(); p++) {
            boolean same = entities.get(linkage.first(p)).equals(entities.get(linkage.second(p)));
            switch (linkage.decision(p)) {
                case LINK -> {
                    if (same) {
                        tp++;
                    } else {
                        fp++;
                    }
                }
                case REVIEW -> {
                    review++;
                    if (same) {
                        trueReview++;
                    }
                }
                case NON_MATCH -> { }
            }
        }
        return new PairMetrics(linkage.comparedPairs(), truePairs, tp, fp, review, trueReview);
    }

    public double precision() {
        return truePositives + falsePositives == 0 ? 1.0 : (double) truePositives / (truePositives + falsePositives);
    }

    public double recall() {
        return truePairs == 0 ? 1.0 : (double) truePositives / truePairs;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public long falseNegatives() {
        return truePairs - truePositives;
    }
}
