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

    /**
     * Encounters for record completion (not cancelled, not destroyed): {@code encounter_id, patient_id,
     * encounter_number, encounter_class, status, admit_at, discharge_at, service}.
     */
    public static final String COMPLETION_ENCOUNTERS = "chart_completion_encounter";

    /** Practitioners on encounters: {@code encounter_id, role} (a {@link ParticipantRole} name), {@code practitioner_id, at}. */
    public static final String COMPLETION_PARTICIPANTS = "chart_completion_participant";

    /**
     * Document metadata (no text) of documents filed to an encounter: {@code document_id, patient_id,
     * encounter_id, doc_type, title, status, created_at, signed_at, author_id, cosigner_id}.
     */
    public static final String COMPLETION_DOCUMENTS = "chart_completion_document";

    private ChartViews() {
    }
}
