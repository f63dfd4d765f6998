package org.custodian.mpi.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code custodian.mpi.*}: the two thresholds on a pair's match weight (log2 of the likelihood
 * ratio, in bits). At or above {@code linkThreshold} a pair is linked automatically; from
 * {@code reviewThreshold} up to it, it goes to a person for review; below, it is a non-match.
 *
 * <p>The thresholds hold for an index of up to {@code referenceSize} registrations; a larger index
 * raises both by one bit per doubling ({@link #sizeBits}): it holds more strangers who look alike,
 * while each person's duplicates stay as few (docs/decisions.md#mpi-thresholds-rise-with-the-index).
 *
 * @param maxBlock         largest block of one blocking pass; larger ones are split or skipped ({@link Blocking})
 * @param maxFrequencyBits cap of the value-frequency adjustment
 * @param referenceSize    index size up to which the thresholds apply as configured
 */
@ConfigurationProperties("custodian.mpi")
public record MpiSettings(Double linkThreshold, Double reviewThreshold, Integer maxBlock, Double maxFrequencyBits,
                          Integer referenceSize) {

    public static final MpiSettings DEFAULTS = new MpiSettings(null, null, null, null, null);

    public MpiSettings {
        linkThreshold = linkThreshold == null ? 10.0 : linkThreshold;
        reviewThreshold = reviewThreshold == null ? 4.0 : reviewThreshold;
        maxBlock = maxBlock == null ? 16 : maxBlock;
        maxFrequencyBits = maxFrequencyBits == null ? 4.0 : maxFrequencyBits;
        referenceSize = referenceSize == null ? 10_000 : referenceSize;
        if (reviewThreshold > linkThreshold) {
            throw new IllegalArgumentException("custodian.mpi.review-threshold must not exceed link-threshold");
        }
        if (referenceSize < 1) {
            throw new IllegalArgumentException("custodian.mpi.reference-size must be at least 1");
        }
    }

    /** Bits the thresholds rise for an index of {@code indexSize} registrations: log2(size / reference), never below 0. */
    public double sizeBits(long indexSize) {
        return indexSize <= referenceSize ? 0 : FellegiSunterModel.log2((double) indexSize / referenceSize);
    }

    public double linkThreshold(long indexSize) {
        return linkThreshold + sizeBits(indexSize);
    }

    public double reviewThreshold(long indexSize) {
        return reviewThreshold + sizeBits(indexSize);
    }
}
