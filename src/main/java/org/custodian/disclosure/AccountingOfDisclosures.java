package org.custodian.disclosure;

import java.time.LocalDate;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * A patient's accounting of disclosures (45 CFR 164.528). Authorized here as well as at the
 * controllers, so that every caller is held to the same permissions.
 */
public interface AccountingOfDisclosures {

    /** The accountable disclosures of the past six years (164.528(a)(3)), newest first. */
    @PreAuthorize("hasAuthority('disclosure:read')")
    List<AccountingEntry> accounting(long patientId);

    /** The accounting as a PDF for the patient. */
    @PreAuthorize("hasAuthority('disclosure:read')")
    byte[] report(long patientId);

    /** Records a patient's request for an accounting; due in 60 days (164.528(c)(1)). */
    @PreAuthorize("hasAuthority('disclosure:manage')")
    AccountingRequest receive(long patientId, String requesterName, LocalDate receivedOn);

    /** Marks an accounting request answered (the report was sent); an unknown or answered one is refused. */
    @PreAuthorize("hasAuthority('disclosure:manage')")
    AccountingRequest fulfil(long requestId);

    /** Open accounting requests by due date. */
    @PreAuthorize("hasAuthority('disclosure:read')")
    List<AccountingRequest> openRequests();
}
