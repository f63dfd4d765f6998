package org.custodian.patient;

import java.time.LocalDate;
import java.util.List;

/**
 * A patient's demographics. The SSN leaves the patient module only masked (last four digits),
 * per minimum necessary (HIPAA 45 CFR 164.502(b)).
 */
public record Patient(long id, String facility, String mrn, String givenName, String middleName, String familyName,
                      LocalDate birthDate, AdministrativeSex sex, String ssnMasked, Address address, String phone,
                      List<PatientIdentifier> identifiers) {

    public String displayName() {
        return familyName + ", " + givenName + (middleName == null || middleName.isBlank() ? "" : " " + middleName);
    }
}
