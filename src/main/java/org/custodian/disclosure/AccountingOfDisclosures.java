package org.custodian.disclosure;

import java.time.LocalDate;
import java.util.List;

/** A patient's accounting of disclosures (45 CFR 164.528). */
public interface AccountingOfDisclosures {

    /** The accountable disclosures of the past six years (164.528(a)(3)), newest first. */
    List<AccountingEntry> accounting(long patientId);

    /** The accounting as a PDF for the patient. */
    byte[] report(long patientId);

    /** Records a patient's request for an accounting; due in 60 days (164.528(c)(1)). */
    AccountingRequest receive(long patientId, String requesterName, LocalDate receivedOn);

    /** Marks an accounting request answered (the report was sent); an unknown or answered one is refused. */
    AccountingRequest fulfil(long requestId);

    /** Open accounting requests by due date. */
    List<AccountingRequest> openRequests();
}
