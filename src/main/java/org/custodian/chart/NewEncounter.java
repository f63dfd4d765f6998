package org.custodian.chart;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** An encounter to record. A null encounter number lets Custodian assign one. */
public record NewEncounter(
        long patientId,
        @Pattern(regexp = "[A-Za-z0-9-]{1,30}") String encounterNumber,
        @NotNull EncounterClass encounterClass,
        @NotNull Instant admitAt,
        Instant dischargeAt,
        @Size(max = 200) String attendingProvider,
        @Size(max = 100) String service,
        DischargeDisposition dischargeDisposition,
        List<EncounterParticipant> participants) {

    public NewEncounter {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    /** An encounter whose practitioners are known by the attending's name only (resolved in the provider directory). */
    public NewEncounter(long patientId, String encounterNumber, EncounterClass encounterClass, Instant admitAt,
                        Instant dischargeAt, String attendingProvider, String service,
                        DischargeDisposition dischargeDisposition) {
        this(patientId, encounterNumber, encounterClass, admitAt, dischargeAt, attendingProvider, service,
                dischargeDisposition, List.of());
    }
}
