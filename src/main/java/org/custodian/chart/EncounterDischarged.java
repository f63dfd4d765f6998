package org.custodian.chart;

import java.time.Instant;

/**
 * Published after an encounter with a discharge time is committed (recorded already discharged,
 * or discharged later); the coding worklist and record completion react to it.
 */
public record EncounterDischarged(long encounterId, long patientId, EncounterClass encounterClass, Instant dischargeAt) {
}
