package org.custodian.mpi.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.custodian.patient.AdministrativeSex;

/**
 * A line of the duplicate worklist: two registrations, the score they had when found, and where
 * the pair stands. {@code status}: OPEN, NEEDS_RESEARCH, SAME_PERSON (merged), NOT_SAME.
 */
public record DuplicatePair(long id, Side a, Side b, double weight, String matchClass, List<String> overlayRisks,
                            String source, String status, Instant foundAt, String decidedBy, Instant decidedAt,
                            String decisionReason, Long mergeId) {

    /** One registration of the pair as the worklist lists it. */
    public record Side(long patientId, String mrn, String familyName, String givenName, LocalDate birthDate,
                       AdministrativeSex sex, boolean retired) {

        public String displayName() {
            return familyName + ", " + givenName;
        }
    }

    public boolean pending() {
        return status.equals("OPEN") || status.equals("NEEDS_RESEARCH");
    }
}
