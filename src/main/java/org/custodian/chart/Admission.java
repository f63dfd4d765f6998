package org.custodian.chart;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * An admission, registration or pre-admission. A null encounter number lets Custodian assign one;
 * a known number (of the same patient) updates that encounter, so a pre-admission becomes the admission.
 */
public record Admission(
        long patientId,
        @Pattern(regexp = "[A-Za-z0-9-]{1,30}") String encounterNumber,
        @NotNull EncounterClass encounterClass,
        @Size(max = 1) String patientClass,
        @NotNull Instant admitAt,
        @Size(max = 100) String location,
        @Size(max = 200) String attendingProvider,
        @Size(max = 100) String service) {
}
