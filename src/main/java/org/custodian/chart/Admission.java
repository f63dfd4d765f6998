package org.custodian.chart;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * An admission, registration or pre-admission. A null encounter number lets Custodian assign one;
 * a known number (of the same patient) updates that encounter, so a pre-admission becomes the admission.
 * The admitting (PV1-17) and consulting (PV1-9) practitioners, by name, become provider-directory references.
 */
public record Admission(
        long patientId,
        @Pattern(regexp = "[A-Za-z0-9-]{1,30}") String encounterNumber,
        @NotNull EncounterClass encounterClass,
        @Size(max = 1) String patientClass,
        @NotNull Instant admitAt,
        @Size(max = 100) String location,
        @Size(max = 200) String attendingProvider,
        @Size(max = 100) String service,
        @Size(max = 200) String admittingProvider,
        List<String> consultingProviders) {

    public Admission {
        consultingProviders = consultingProviders == null ? List.of() : List.copyOf(consultingProviders);
    }

    /** An admission naming its attending only (HL7 PV1-7). */
    public Admission(long patientId, String encounterNumber, EncounterClass encounterClass, String patientClass, Instant admitAt,
                     String location, String attendingProvider, String service) {
        this(patientId, encounterNumber, encounterClass, patientClass, admitAt, location, attendingProvider, service, null, List.of());
    }
}
