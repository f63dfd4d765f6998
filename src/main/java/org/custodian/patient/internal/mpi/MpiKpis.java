package org.custodian.patient.internal.mpi;

import java.util.List;

/**
 * The index's health: the duplicate rate (registrations merged away, plus those still suspected in
 * pending pairs, over all registrations), the pairs waiting for review, and decisions per analyst.
 */
public record MpiKpis(long registrations, long activeRegistrations, long mergedRegistrations,
                      long suspectedDuplicates, double duplicateRate, long pairsOpen, long pairsNeedsResearch,
                      long pairsNotSame, long pairsMerged, List<AnalystDecisions> decisionsPerAnalyst) {

    public record AnalystDecisions(String analyst, long samePerson, long notSame, long needsResearch, long unmerged, long total) {
    }
}
