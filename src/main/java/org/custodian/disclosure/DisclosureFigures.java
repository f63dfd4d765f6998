package org.custodian.disclosure;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Release of information's figures, for the dashboard: every request received up to a date with
 * its deadline (45 CFR 164.524(b)(2): 30 days, once extendable by 30) and when it was released.
 * Rows carry ids only; the caller checks who may see the figure.
 */
public interface DisclosureFigures {

    /** A request: received, due (the extended deadline when extended), released (null while open). */
    record RequestDates(long id, String requestNumber, long patientId, String requesterName, LocalDate receivedOn,
                        LocalDate deadline, Instant releasedAt) {
    }

    /** Requests received on or before {@code to} and still open on {@code from} or released from {@code from} on. */
    List<RequestDates> requests(LocalDate from, LocalDate to);

    /**
     * Requests for an accounting of disclosures (45 CFR 164.528(c)(1): 60 days) received on or before
     * {@code to} and still open on {@code from} or fulfilled from {@code from} on.
     */
    List<AccountingRequest> accountingRequests(LocalDate from, LocalDate to);
}
