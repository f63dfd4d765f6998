package org.custodian.patient;

import java.time.LocalDate;

/** One line of a patient search result. */
public record PatientSummary(long id, String mrn, String familyName, String givenName, LocalDate birthDate,
                             AdministrativeSex sex, String city) {

    public String displayName() {
        return familyName + ", " + givenName;
    }
}
