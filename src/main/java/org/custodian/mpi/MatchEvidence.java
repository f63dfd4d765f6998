package org.custodian.mpi;

/** One field's part in a match weight: how the two values agree and the bits that adds (negative: against). */
public record MatchEvidence(String field, String agreement, double bits) {
}
