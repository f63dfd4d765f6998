package org.custodian.chart;

import java.time.Instant;
import java.util.List;

public record Encounter(long id, long patientId, String encounterNumber, EncounterClass encounterClass,
                        Instant admitAt, Instant dischargeAt, String attendingProvider, String service,
                        DischargeDisposition dischargeDisposition, List<EncounterParticipant> participants) {

    public Encounter(long id, long patientId, String encounterNumber, EncounterClass encounterClass, Instant admitAt,
                     Instant dischargeAt, String attendingProvider, String service,
                     DischargeDisposition dischargeDisposition) {
        this(id, patientId, encounterNumber, encounterClass, admitAt, dischargeAt, attendingProvider, service,
                dischargeDisposition, List.of());
    }

    public boolean discharged() {
        return dischargeAt != null;
    }
}
