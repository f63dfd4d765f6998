package org.custodian.chart;

import java.time.Instant;

/** A move of the patient between locations during an encounter (ADT A02). */
public record EncounterTransfer(long id, long encounterId, String fromLocation, String toLocation, Instant transferredAt,
                                boolean cancelled) {
}
