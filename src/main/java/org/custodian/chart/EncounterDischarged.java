package org.custodian.chart;

import java.time.Instant;

/**
 * Published, inside the chart's transaction, when one encounter is discharged (an ADT^A03, a
 * discharge in the UI); a bulk load announces its discharged encounters together as
 * {@link EncountersDischarged}. The coding worklist and record completion react to both, after the
 * commit, through Spring Modulith's event publication registry.
 */
public record EncounterDischarged(long encounterId, long patientId, EncounterClass encounterClass, Instant dischargeAt) {
}
