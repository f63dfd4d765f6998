package org.custodian.mpi.internal;

import java.util.List;
import org.custodian.mpi.MatchEvidence;
import org.custodian.patient.Patient;
import org.custodian.mpi.PatientVisits;

/**
 * A pair side by side for the analyst: both records in full (SSN masked), each one's latest encounters, the score the index
 * gives them now with each field's contribution, the thresholds that explain the score, and the
 * overlay guard's objections to a merge.
 */
public record PairReview(DuplicatePair pair, Patient a, Patient b, List<PatientVisits.Visit> visitsA,
                         List<PatientVisits.Visit> visitsB, double weightNow, String matchClassNow,
                         List<MatchEvidence> evidence, List<String> overlayRisks, double linkThreshold,
                         double reviewThreshold) {
}
