package org.custodian.mpi;

/**
 * Published in the merge's transaction: modules holding rows of the retired patient move them to
 * the survivor (with {@code @EventListener}, so that a failure rolls the merge back) and remember
 * which rows they moved, so that {@link PatientsUnmerged} can move exactly those back.
 */
public record PatientsMerged(long mergeId, long survivingPatientId, long retiredPatientId) {
}
