package org.custodian.chart;

/**
 * Read-only SQL views the chart publishes for set-based work in other modules (a reconciliation
 * over thousands of encounters is one statement, not a call per encounter). A view is part of the
 * chart's public API like an interface: its columns and meaning stay; the tables behind it are the
 * chart's own and no other module reads them.
 */
public final class ChartViews {

    /**
     * Discharged encounters (status finished, discharge time set, not destroyed), one row each:
     * {@code encounter_id bigint, patient_id bigint, encounter_class text} (an {@link EncounterClass}
     * name), {@code discharge_at timestamptz}. The same facts {@link EncounterDischarged} announces.
     */
    public static final String DISCHARGED_ENCOUNTERS = "chart_discharged_encounter";

    private ChartViews() {
    }
}
