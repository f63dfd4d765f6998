package org.custodian.patient;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An identifier other than the MRN: a driver's licence, an insurance member id, another system's id. */
public record PatientIdentifier(@NotBlank @Size(max = 200) String system,
                                @NotBlank @Size(max = 100) String value,
                                @NotBlank @Size(max = 40) String type) {
}
