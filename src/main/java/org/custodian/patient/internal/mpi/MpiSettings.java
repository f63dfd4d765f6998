package org.custodian.patient.internal.mpi;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code custodian.mpi.*}: the two thresholds on a pair's match weight (log2 of the likelihood
 * ratio, in bits). At or above {@code linkThreshold} a pair is linked automatically; from
 * {@code reviewThreshold} up to it, it goes to a person for review; below, it is a non-match.
 */
@ConfigurationProperties("custodian.mpi")
public record MpiSettings(Double linkThreshold, Double reviewThreshold, Integer maxBlock, Double maxFrequencyBits) {

    public static final MpiSettings DEFAULTS = new MpiSettings(null, null, null, null);

    public MpiSettings {
        linkThreshold = linkThreshold == null ? 10.0 : linkThreshold;
        reviewThreshold = reviewThreshold == null ? 4.0 : reviewThreshold;
        maxBlock = maxBlock == null ? 500 : maxBlock;
        maxFrequencyBits = maxFrequencyBits == null ? 4.0 : maxFrequencyBits;
        if (reviewThreshold > linkThreshold) {
            throw new IllegalArgumentException("custodian.mpi.review-threshold must not exceed link-threshold");
        }
    }
}
