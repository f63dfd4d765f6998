package org.custodian.chart;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** An encounter to record. A null encounter number lets Custodian assign one. */
public record NewEncounter(
        long patientId,
        @Pattern(regexp = "[A-Za-z0-9-]{1,30}") String encounterNumber,
        @NotNull EncounterClass encounterClass,
        @NotNull Instant admitAt,
        Instant dischargeAt,
        @Size(max = 200) String attendingProvider,
        @Size(max = 100) String service,
        DischargeDisposition dischargeDisposition) {
}
