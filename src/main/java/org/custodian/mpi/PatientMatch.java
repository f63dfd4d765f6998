package org.custodian.mpi;

import java.time.LocalDate;
import java.util.List;
import org.custodian.patient.AdministrativeSex;

/**
 * A registered patient who may be the same person as a candidate: the match weight in bits (log2
 * of the likelihood ratio), what the thresholds make of it ({@code LINK} or {@code REVIEW}), each
 * field's contribution, and the overlay guard's objections to merging the two.
 */
public record PatientMatch(long patientId, String mrn, String familyName, String givenName, LocalDate birthDate,
                           AdministrativeSex sex, double weight, String decision, List<MatchEvidence> evidence,
                           List<String> overlayRisks) {
}
