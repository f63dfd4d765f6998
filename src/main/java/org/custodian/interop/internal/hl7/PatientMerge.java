package org.custodian.interop.internal.hl7;

/**
 * How an A40 merges two patients: through the patient module's merge so that the master patient
 * index and the audit log see it (wired in {@link MpiPatientMerge}).
 */
interface PatientMerge {
    void merge(long survivingId, long retiredId, String reason);
}
