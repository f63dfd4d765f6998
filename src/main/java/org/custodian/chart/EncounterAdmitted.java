package org.custodian.chart;

import java.time.Instant;

/** Published after an encounter is admitted (or recorded in progress); record completion starts its clocks. */
public record EncounterAdmitted(long encounterId, long patientId, EncounterClass encounterClass, Instant admitAt) {
}
