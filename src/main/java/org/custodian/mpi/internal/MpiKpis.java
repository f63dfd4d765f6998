package org.custodian.mpi.internal;

import java.util.List;

/**
 * The index's health: the duplicate rate (registrations merged away, plus those still suspected in
 * pending pairs, over all registrations), the pairs waiting for review, decisions per analyst, and
 * AHIMA's other MPI measures: overlays found and corrected (merges undone: two people's records had
 * been made one), overlaps (duplicate pairs, pending or merged, whose registrations are at two
 * facilities of the enterprise) and the median days from a pair found to its decision.
 */
public record MpiKpis(long registrations, long activeRegistrations, long mergedRegistrations,
                      long suspectedDuplicates, double duplicateRate, long pairsOpen, long pairsNeedsResearch,
                      long pairsNotSame, long pairsMerged, List<AnalystDecisions> decisionsPerAnalyst,
                      long overlaysCorrected, long overlaps, Double medianDaysToResolution) {

    public record AnalystDecisions(String analyst, long samePerson, long notSame, long needsResearch, long unmerged, long total) {
    }
}
