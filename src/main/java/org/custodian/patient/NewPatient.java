package org.custodian.patient;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** A registration. A null MRN lets Custodian assign the next one. */
public record NewPatient(
        @Pattern(regexp = "[A-Z0-9_-]{1,20}", message = "facility code: 1-20 capitals, digits, '_' or '-'") String facility,
        @Pattern(regexp = "[A-Za-z0-9-]{1,20}", message = "MRN: 1-20 letters, digits or '-'") String mrn,
        @NotBlank @Size(max = 100) String givenName,
        @Size(max = 100) String middleName,
        @NotBlank @Size(max = 100) String familyName,
        @NotNull @Past LocalDate birthDate,
        @NotNull AdministrativeSex sex,
        @Pattern(regexp = "[0-9]{3}-?[0-9]{2}-?[0-9]{4}", message = "SSN: nine digits, dashes optional") String ssn,
        @Valid Address address,
        @Pattern(regexp = "[0-9()+. -]{7,25}", message = "phone: digits, spaces, (), +, . or -") String phone,
        List<@Valid PatientIdentifier> identifiers) {
}
