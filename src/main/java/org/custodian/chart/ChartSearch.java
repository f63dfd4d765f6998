package org.custodian.chart;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Searches across charts for the FHIR read API: encounters by patient, date and status, documents
 * by patient, type (LOINC) and date. Every search is audited, naming the patient when one is given.
 */
public interface ChartSearch {

    /**
     * {@code discharged}: null for any, true for finished stays, false for those still open;
     * {@code withoutPatients}: patients whose encounters a search across patients leaves out (flagged charts
     * the reader may not open, 45 CFR 164.312(a)(2)(ii)).
     */
    record EncounterCriteria(Long patientId, Instant from, Instant to, Boolean discharged, Set<Long> withoutPatients) {
        public EncounterCriteria(Long patientId, Instant from, Instant to, Boolean discharged) {
            this(patientId, from, to, discharged, Set.of());
        }
    }

    /** {@code withoutPatients} as for encounters. */
    record DocumentCriteria(Long patientId, String loincCode, Instant from, Instant to, Set<Long> withoutPatients) {
        public DocumentCriteria(Long patientId, String loincCode, Instant from, Instant to) {
            this(patientId, loincCode, from, to, Set.of());
        }
    }

    /** The patient an encounter belongs to, without reading it (not audited, no PHI): for an access check before a read. */
    Optional<Long> patientOfEncounter(long encounterId);

    /** The patient a coded finding (Condition, Procedure) belongs to, as {@link #patientOfEncounter}. */
    Optional<Long> patientOfFinding(long findingId);

    /** Oldest first when {@code ascending}, else newest first; ties by id. */
    List<Encounter> encounters(EncounterCriteria criteria, boolean ascending, int offset, int limit);

    List<DocumentSummary> documents(DocumentCriteria criteria, boolean ascending, int offset, int limit);

    /**
     * As {@link #documents}, for a bulk export that segments what it finds: Part 2 records and psychotherapy
     * notes included, for the export's own segmentation to withhold and name (45 CFR 164.508(a)(2); 42 CFR 2.31).
     */
    @org.springframework.security.access.prepost.PreAuthorize("hasAuthority('fhir:export')")
    List<DocumentSummary> documentsToSegment(DocumentCriteria criteria, boolean ascending, int offset, int limit);
}
