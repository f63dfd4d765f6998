package org.custodian.mpi.internal;

import java.time.Duration;
import java.time.LocalTime;
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
 * @param scanTime          hospital time of the nightly whole-index scan ({@link ScheduledScan}), default 02:00
 * @param scanCheckEvery    how often the schedule is checked; 0: never by itself (default 5 minutes)
 * @param screeningInterval how often queued registrations are screened ({@link QueuedRegistrationScreen}); 0: only on demand (default 2 s)
 * @param screeningShare    largest share of the time the screen takes while it drains the queue, above 0 and at most 1 (default 0.25)
 */
@ConfigurationProperties("custodian.mpi")
public record MpiSettings(Double linkThreshold, Double reviewThreshold, Integer maxBlock, Double maxFrequencyBits,
                          Integer referenceSize, LocalTime scanTime, Duration scanCheckEvery, Duration screeningInterval,
                          Double screeningShare) {

    public static final MpiSettings DEFAULTS = new MpiSettings(null, null, null, null, null, null, null, null, null);

    public MpiSettings {
        linkThreshold = linkThreshold == null ? 10.0 : linkThreshold;
        reviewThreshold = reviewThreshold == null ? 4.0 : reviewThreshold;
        maxBlock = maxBlock == null ? 16 : maxBlock;
        maxFrequencyBits = maxFrequencyBits == null ? 4.0 : maxFrequencyBits;
        referenceSize = referenceSize == null ? 10_000 : referenceSize;
        scanTime = scanTime == null ? LocalTime.of(2, 0) : scanTime;
        scanCheckEvery = scanCheckEvery == null ? Duration.ofMinutes(5) : scanCheckEvery;
        screeningInterval = screeningInterval == null ? Duration.ofSeconds(2) : screeningInterval;
        screeningShare = screeningShare == null ? 0.25 : screeningShare;
        if (reviewThreshold > linkThreshold) {
            throw new IllegalArgumentException("custodian.mpi.review-threshold must not exceed link-threshold");
        }
        if (!(screeningShare > 0 && screeningShare <= 1)) {
            throw new IllegalArgumentException("custodian.mpi.screening-share must be above 0 and at most 1");
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
