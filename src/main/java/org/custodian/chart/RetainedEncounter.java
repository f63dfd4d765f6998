package org.custodian.chart;

import java.time.Instant;

/** An encounter as retention sees it: dates and counts, no clinical content. */
public record RetainedEncounter(long encounterId, long patientId, String encounterNumber, EncounterClass encounterClass,
                                Instant admitAt, Instant dischargeAt, int documentCount, Instant destroyedAt,
                                String destructionCertificate) {

    /** The end of service: discharge, or admission for an encounter never discharged. */
    public Instant serviceEnd() {
        return dischargeAt != null ? dischargeAt : admitAt;
    }

    public boolean destroyed() {
        return destroyedAt != null;
    }
}
