package org.custodian.mpi;

/** Published in the unmerge's transaction: move back exactly the rows moved for merge {@code mergeId}. */
public record PatientsUnmerged(long mergeId, long survivingPatientId, long retiredPatientId) {
}
