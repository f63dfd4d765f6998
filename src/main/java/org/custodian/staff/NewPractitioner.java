package org.custodian.staff;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A practitioner to add to the directory; the NPI's check digit is verified (45 CFR 162.406). */
public record NewPractitioner(
        @NotBlank @Pattern(regexp = "[0-9]{10}") String npi,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 60) String credentials,
        @Size(max = 100) String specialty,
        @Size(max = 100) String department,
        MedicalStaffStatus status,
        @Pattern(regexp = "[a-z0-9._-]{2,64}") String username) {
}
