package org.custodian.mpi.internal;

import java.util.List;

/** A compared pair of records (indexes into the linked list), its match weight in bits and the field-by-field explanation. */
public record ScoredPair(int first, int second, double weight, MatchDecision decision, List<FieldContribution> explanation) {
}
