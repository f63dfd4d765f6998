package org.custodian.chart;

import java.time.Instant;

public record Encounter(long id, long patientId, String encounterNumber, EncounterClass encounterClass,
                        Instant admitAt, Instant dischargeAt, String attendingProvider, String service,
                        DischargeDisposition dischargeDisposition) {

    public boolean discharged() {
        return dischargeAt != null;
    }
}
