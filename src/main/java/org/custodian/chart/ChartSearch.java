package org.custodian.chart;

import java.time.Instant;
import java.util.List;

/**
 * Searches across charts for the FHIR read API: encounters by patient, date and status, documents
 * by patient, type (LOINC) and date. Every search is audited, naming the patient when one is given.
 */
public interface ChartSearch {

    /** {@code discharged}: null for any, true for finished stays, false for those still open. */
    record EncounterCriteria(Long patientId, Instant from, Instant to, Boolean discharged) {
    }

    record DocumentCriteria(Long patientId, String loincCode, Instant from, Instant to) {
    }

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
