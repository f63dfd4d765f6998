package org.custodian.mpi.internal;

/**
 * One field's part in a pair's score, for the explanation a reviewer sees: the agreement level and
 * the bits it adds (negative: evidence against). {@code frequencyBits} is the share of the weight
 * due to the rarity of the shared value.
 */
public record FieldContribution(MatchField field, int level, String levelName, double weight, double frequencyBits) {
}
