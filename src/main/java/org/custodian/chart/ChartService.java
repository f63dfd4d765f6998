package org.custodian.chart;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The chart module's API. Every method that touches a patient's data is audited; every write checks
 * the caller's permission here, whoever calls (a page, the API, a feed, another module, the CLI), so
 * work no person started runs as an explicit system principal ({@code privacy.SystemAccess}).
 */
public interface ChartService {

    /** The whole chart (an audited read); throws {@link ChartNotFoundException} for an unknown patient. */
    Chart chart(long patientId);

    Encounter encounter(long id);

    ClinicalDocument document(long id);

    @PreAuthorize("hasAuthority('chart:write')")
    Encounter record(NewEncounter encounter);

    @PreAuthorize("hasAuthority('chart:write')")
    ClinicalDocument file(NewDocument document);

    /** Authenticates a document as the signed-in user. */
    @PreAuthorize("hasAuthority('document:sign')")
    ClinicalDocument sign(long documentId);

    /** Bulk loads in one transaction each (imports, the demo hospital); return the new ids in order. */
    @PreAuthorize("hasAuthority('chart:write')")
    List<Long> recordAll(List<NewEncounter> encounters);

    @PreAuthorize("hasAuthority('chart:write')")
    List<Long> fileAll(List<NewDocument> documents);
}
