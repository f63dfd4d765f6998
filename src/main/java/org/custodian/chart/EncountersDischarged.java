package org.custodian.chart;

import java.util.List;

/**
 * The encounters of one bulk load ({@code ChartService.recordAll}: a FHIR import, the demo hospital)
 * that arrived already discharged, announced in one event. One publication per load rather than per
 * encounter: the event publication registry writes and completes each publication in commits of
 * its own, and thousands of those turned a two-second load into minutes
 * (docs/decisions.md#cross-module-events-go-through-the-publication-registry).
 */
public record EncountersDischarged(List<EncounterDischarged> discharges) {
    public EncountersDischarged {
        discharges = List.copyOf(discharges);
    }
}
