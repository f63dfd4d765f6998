package org.custodian.mpi.internal;

import java.util.List;

/**
 * The index's health: the duplicate rate (registrations merged away, plus those still suspected in
 * pending pairs, over all registrations), the pairs waiting for review, decisions per analyst, and
 * AHIMA's other MPI measures: overlays found and corrected (merges undone: two people's records had
 * been made one), overlaps (duplicate pairs, pending or merged, whose registrations are at two
 * facilities of the enterprise), the median days from a pair found to its decision, and AHIMA's duplicate
 * creation and error rates over the last twelve months, by month and by registration source ({@link DuplicateRates}).
 */
public record MpiKpis(long registrations, long activeRegistrations, long mergedRegistrations,
                      long suspectedDuplicates, double duplicateRate, long pairsOpen, long pairsNeedsResearch,
                      long pairsNotSame, long pairsMerged, List<AnalystDecisions> decisionsPerAnalyst,
                      long overlaysCorrected, long overlaps, Double medianDaysToResolution,
                      List<DuplicateRate> duplicateRatesByMonth, List<DuplicateRate> duplicateRatesBySource) {

    public record AnalystDecisions(String analyst, long samePerson, long notSame, long needsResearch, long unmerged, long total) {
    }

    /** One row of the table: a month ({@code 2026-12}) or a source in words, its counts and rates. */
    public record DuplicateRate(String label, long registrations, long confirmedDuplicates, long possibleDuplicates,
               double creationRate, double errorRate) {

        static DuplicateRate of(String label, long registrations, long confirmed, long possible) {
            return new DuplicateRate(label, registrations, confirmed, possible, rate(confirmed, registrations), rate(possible, registrations));
        }

        private static double rate(long n, long of) {
            return of == 0 ? 0 : Math.round((double) n / of * 1e6) / 1e6;
        }
    }

}
