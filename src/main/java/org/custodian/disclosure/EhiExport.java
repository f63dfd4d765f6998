package org.custodian.disclosure;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * One patient's electronic health information as one download (45 CFR 170.315(b)(10)(i), the
 * right of access in electronic form of 45 CFR 164.524(c)(2)): a zip of FHIR R4 NDJSON, one file
 * per resource type, every clinical document's text, and a README describing the format.
 * Audited as an export of the patient's record.
 */
public interface EhiExport {

    @PreAuthorize("hasAuthority('disclosure:manage')")
    byte[] export(long patientId);
}
