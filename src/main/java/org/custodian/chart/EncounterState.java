package org.custodian.chart;

import java.time.Instant;

/**
 * An encounter with its lifecycle: status, current location (point of care/room/bed) and the
 * patient class code as the feed sent it (HL7 table 0004).
 */
public record EncounterState(long id, long patientId, String encounterNumber, EncounterClass encounterClass,
                             EncounterStatus status, Instant admitAt, Instant dischargeAt, String location,
                             String patientClass, String attendingProvider, String service,
                             DischargeDisposition dischargeDisposition) {
}
