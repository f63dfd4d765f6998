package org.custodian.mpi.internal;

import java.util.Map;

/**
 * A Fellegi–Sunter model: for every field and agreement level, m = P(level | same person) and
 * u = P(level | different people), estimated by expectation–maximisation over the candidate pairs'
 * comparison patterns (conditional independence of fields assumed, a missing field ignored).
 * The weight of a level is log2(m/u) bits; a pair's match weight is the sum over its fields.
 */
final class FellegiSunterModel {

    /** Bits per field in an encoded comparison pattern; the all-ones value means "missing". */
    static final int BITS = 4;
    static final int MISSING_CODE = (1 << BITS) - 1;

    private static final double FLOOR = 1e-6;

    private final MatchField[] fields;
    private final double[][] m;
    private final double[][] u;
    private final double prior;
    private final int iterations;
    private final double[][] weights;

    private FellegiSunterModel(MatchField[] fields, double[][] m, double[][] u, double prior, int iterations) {
        this.fields = fields;
        this.m = m;
        this.u = u;
        this.prior = prior;
        this.iterations = iterations;
        this.weights = new double[fields.length][];
        for (int f = 0; f < fields.length; f++) {
            weights[f] = new double[m[f].length];
            for (int l = 0; l < m[f].length; l++) {
                weights[f][l] = log2(m[f][l] / u[f][l]);
            }
            // A level that chance never showed among the random pairs (u at its floor) must not
            // outweigh exact agreement, nor disagreement on a field every record shares (one town)
            // weigh for a match.
            int top = m[f].length - 1;
            for (int l = 0; l < top; l++) {
                if (weights[f][top] <= 0 || u[f][l] * 100_000 < 1) {
                    weights[f][l] = Math.min(weights[f][l], weights[f][top]);
                }
            }
        }
    }

    static long encode(int[] levels) {
        long code = 0;
        for (int f = 0; f < levels.length; f++) {
            long v = levels[f] < 0 ? MISSING_CODE : levels[f];
            code |= v << (BITS * f);
        }
        return code;
    }

    static int level(long pattern, int field) {
        int v = (int) ((pattern >>> (BITS * field)) & MISSING_CODE);
        return v == MISSING_CODE ? Comparators.MISSING : v;
    }

    /**
     * Runs EM from a neutral start (higher levels more likely among matches, level 0 among
     * non-matches, 10% matches) until the parameters move less than {@code tolerance}.
     *
     * @param patterns comparison pattern → number of candidate pairs with it
     */
    static FellegiSunterModel estimate(MatchField[] fields, Map<Long, Integer> patterns, int maxIterations, double tolerance) {
        return estimate(fields, patterns, null, maxIterations, tolerance);
    }

    /**
     * Chance agreement: each level's share among random record pairs, which are non-matches but
     * for about one in the index size. Half a pair is added to every level so that a level never
     * seen by chance (two random people with the same SSN) gets a large but finite weight.
     */
    static double[][] chanceAgreement(MatchField[] fields, Map<Long, Integer> randomPatterns) {
        double[][] u = new double[fields.length][];
        for (int f = 0; f < fields.length; f++) {
            double[] counts = new double[fields[f].levelCount()];
            java.util.Arrays.fill(counts, 0.5);
            for (Map.Entry<Long, Integer> e : randomPatterns.entrySet()) {
                int l = level(e.getKey(), f);
                if (l >= 0) {
                    counts[l] += e.getValue();
                }
            }
            double sum = java.util.Arrays.stream(counts).sum();
            u[f] = new double[counts.length];
            for (int l = 0; l < counts.length; l++) {
                u[f][l] = counts[l] / sum;
            }
        }
        return u;
    }

    /**
     * As above, but with u held at {@code fixedU} (when not null): EM then estimates only m and
     * the share of matches.
     */
    static FellegiSunterModel estimate(MatchField[] fields, Map<Long, Integer> patterns, double[][] fixedU,
                                       int maxIterations, double tolerance) {
        int nf = fields.length;
        double[][] m = new double[nf][];
        double[][] u = new double[nf][];
        for (int f = 0; f < nf; f++) {
            int k = fields[f].levelCount();
            m[f] = new double[k];
            u[f] = new double[k];
            for (int l = 0; l < k; l++) {
                // m rises with the level, u falls: the start only breaks the symmetry between the classes.
                m[f][l] = (l + 1.0) / (k * (k + 1) / 2.0);
                u[f][l] = (k - l) / (k * (k + 1) / 2.0);
            }
        }
        if (fixedU != null) {
            for (int f = 0; f < nf; f++) {
                u[f] = fixedU[f].clone();
            }
        }
        double prior = 0.1;
        long[] codes = new long[patterns.size()];
        double[] counts = new double[patterns.size()];
        int i = 0;
        for (Map.Entry<Long, Integer> e : patterns.entrySet()) {
            codes[i] = e.getKey();
            counts[i++] = e.getValue();
        }
        int iteration = 0;
        while (iteration < maxIterations) {
            iteration++;
            double[][] mNum = new double[nf][];
            double[][] uNum = new double[nf][];
            for (int f = 0; f < nf; f++) {
                mNum[f] = new double[m[f].length];
                uNum[f] = new double[u[f].length];
            }
            double matches = 0;
            double total = 0;
            for (int p = 0; p < codes.length; p++) {
                double logM = Math.log(prior);
                double logU = Math.log(1 - prior);
                for (int f = 0; f < nf; f++) {
                    int l = level(codes[p], f);
                    if (l >= 0) {
                        logM += Math.log(m[f][l]);
                        logU += Math.log(u[f][l]);
                    }
                }
                double g = 1 / (1 + Math.exp(logU - logM));
                double cm = counts[p] * g;
                double cu = counts[p] * (1 - g);
                matches += cm;
                total += counts[p];
                for (int f = 0; f < nf; f++) {
                    int l = level(codes[p], f);
                    if (l >= 0) {
                        mNum[f][l] += cm;
                        uNum[f][l] += cu;
                    }
                }
            }
            double change = Math.abs(matches / total - prior);
            prior = clamp(matches / total);
            for (int f = 0; f < nf; f++) {
                change = Math.max(change, normaliseInto(mNum[f], m[f]));
                if (fixedU == null) {
                    change = Math.max(change, normaliseInto(uNum[f], u[f]));
                }
            }
            if (change < tolerance) {
                break;
            }
        }
        return new FellegiSunterModel(fields, m, u, prior, iteration);
    }

    /** Writes the normalised counts into target (unchanged when the field was never present); returns the largest change. */
    private static double normaliseInto(double[] counts, double[] target) {
        double sum = 0;
        for (double c : counts) {
            sum += c;
        }
        if (sum <= 0) {
            return 0;
        }
        double change = 0;
        double renorm = 0;
        for (int l = 0; l < counts.length; l++) {
            double v = Math.max(FLOOR, counts[l] / sum);
            change = Math.max(change, Math.abs(v - target[l]));
            target[l] = v;
            renorm += v;
        }
        for (int l = 0; l < counts.length; l++) {
            target[l] /= renorm;
        }
        return change;
    }

    private static double clamp(double p) {
        return Math.min(1 - FLOOR, Math.max(FLOOR, p));
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** This model's m and share of matches with another u. */
    /**
     * Typical m and u for an index too small to estimate them (a new installation, a test
     * database): m from common data-entry error rates, u from the chance agreement of a large
     * population. Only {@link IndexModel} uses it, and only below {@link IndexModel#MIN_FIT}
     * registrations; every larger index is fitted by EM.
     */
    static FellegiSunterModel typical(MatchField[] fields) {
        double[][] m = new double[fields.length][];
        double[][] u = new double[fields.length][];
        for (int f = 0; f < fields.length; f++) {
            double[][] mu = switch (fields[f]) {
                case GIVEN_NAME -> new double[][] {{0.02, 0.03, 0.10, 0.85}, {0.90, 0.07, 0.02, 0.01}};
                case FAMILY_NAME -> new double[][] {{0.02, 0.03, 0.10, 0.85}, {0.95, 0.04, 0.007, 0.003}};
                case BIRTH_DATE -> new double[][] {{0.02, 0.02, 0.04, 0.02, 0.90}, {0.97, 0.02, 0.0069, 0.0001, 0.003}};
                case SEX -> new double[][] {{0.02, 0.98}, {0.5, 0.5}};
                case SSN, PHONE -> new double[][] {{0.05, 0.05, 0.90}, {0.999, 0.0009, 0.0001}};
                case STREET_NUMBER, POSTCODE -> new double[][] {{0.10, 0.05, 0.85}, {0.95, 0.03, 0.02}};
                case ADDRESS_1, ADDRESS_2 -> new double[][] {{0.15, 0.15, 0.70}, {0.97, 0.02, 0.01}};
                case CITY -> new double[][] {{0.10, 0.05, 0.85}, {0.90, 0.03, 0.07}};
                case STATE -> new double[][] {{0.05, 0.95}, {0.70, 0.30}};
            };
            m[f] = mu[0];
            u[f] = mu[1];
        }
        return new FellegiSunterModel(fields, m, u, 0.01, 0);
    }

    /** A model of given m, u and share of matches (m fitted elsewhere, pass by pass). */
    static FellegiSunterModel of(MatchField[] fields, double[][] m, double[][] u, double prior) {
        return new FellegiSunterModel(fields, m, u, prior, 0);
    }

    /** This model marked as the prior's: EM found no plausible same-person class ({@link #iterations()} -1). */
    FellegiSunterModel fellBack() {
        return new FellegiSunterModel(fields, m, u, prior, -1);
    }

    FellegiSunterModel withU(double[][] chance) {
        double[][] u2 = new double[chance.length][];
        for (int f = 0; f < chance.length; f++) {
            u2[f] = chance[f].clone();
        }
        double[][] m2 = new double[m.length][];
        for (int f = 0; f < m.length; f++) {
            m2[f] = m[f].clone();
        }
        return new FellegiSunterModel(fields, m2, u2, prior, iterations);
    }

    /** log2(m/u) of a level, 0 for a missing field. */
    double weight(int field, int level) {
        return level < 0 ? 0 : weights[field][level];
    }

    double m(int field, int level) {
        return m[field][level];
    }

    double u(int field, int level) {
        return u[field][level];
    }

    /** m, u and weight of every field's levels, one line per field: what the fit learned, for the scan's log. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < fields.length; f++) {
            sb.append(String.format(java.util.Locale.ROOT, "  %-13s", fields[f].name()));
            for (int l = 0; l < m[f].length; l++) {
                sb.append(String.format(java.util.Locale.ROOT, " [%s m=%.4f u=%.5f %+.1f]", fields[f].levelName(l), m[f][l], u[f][l], weights[f][l]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Estimated share of candidate pairs that are matches. */
    double prior() {
        return prior;
    }

    int iterations() {
        return iterations;
    }

    MatchField[] fields() {
        return fields.clone();
    }
}
