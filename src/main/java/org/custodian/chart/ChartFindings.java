package org.custodian.chart;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Conditions and procedures coded by the source system (FHIR import), per encounter, for the
 * coding module's suggestions. Reads are audited like any other read of the chart.
 */
public interface ChartFindings {

    List<CodedFinding> conditions(long encounterId);

    List<CodedFinding> procedures(long encounterId);

    /** One finding (an audited read); throws {@link ChartNotFoundException} when there is none. */
    CodedFinding finding(long id);

    /** A patient's findings of one kind, most recent first, paged (an audited read). */
    List<CodedFinding> forPatient(long patientId, FindingKind kind, int offset, int limit);

    /** Bulk insert in one transaction (joins the caller's); returns the new ids in order. */
    @PreAuthorize("hasAuthority('chart:write')")
    List<Long> recordAll(List<NewFinding> findings);
}
