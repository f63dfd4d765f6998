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

    /**
     * A patient's documents for a release of information: as {@link #chart} lists them, but with the
     * psychotherapy notes, which no reader but their originator sees (45 CFR 164.508(a)(2)) and which the
     * release's segmentation discloses only under an authorization that names them. Part 2 records still
     * need {@code chart:read-sensitive}.
     */
    @PreAuthorize("hasAuthority('disclosure:manage')")
    List<DocumentSummary> documentsForDisclosure(long patientId);

    /** One document for a release of information (see {@link #documentsForDisclosure}). */
    @PreAuthorize("hasAuthority('disclosure:manage')")
    ClinicalDocument documentForDisclosure(long id);

    @PreAuthorize("hasAuthority('chart:write')")
    Encounter record(NewEncounter encounter);

    @PreAuthorize("hasAuthority('chart:write')")
    ClinicalDocument file(NewDocument document);

    /**
     * Authenticates a document as the signed-in user's practitioner, who must be its author or its
     * named cosigner (42 CFR 482.24(c)(1)); anyone else is refused with a 403 problem
     * {@code not-author-or-cosigner}. The signature records the practitioner.
     */
    @PreAuthorize("hasAuthority('document:sign')")
    ClinicalDocument sign(long documentId);

    /** Names a practitioner on an encounter (an operating surgeon with the time of surgery); publishes {@link PractitionerAssigned}. */
    Encounter assign(long encounterId, EncounterParticipant participant);

    /**
     * Names the cosigner a document requires (a resident's note the attending must cosign); the
     * cosigner may then authenticate it (42 CFR 482.24(c)(1)). Whoever writes the chart (the resident, the
     * HIM director) may name one; a signed document takes none ({@code document-already-signed}).
     */
    @PreAuthorize("hasAuthority('chart:write')")
    ClinicalDocument requireCosigner(long documentId, long practitionerId);

    /** Bulk loads in one transaction each (imports, the demo hospital); return the new ids in order. */
    @PreAuthorize("hasAuthority('chart:write')")
    List<Long> recordAll(List<NewEncounter> encounters);

    @PreAuthorize("hasAuthority('chart:write')")
    List<Long> fileAll(List<NewDocument> documents);
}
