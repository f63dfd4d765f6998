package org.custodian.disclosure;

import java.time.LocalDate;

/** A patient's request for an accounting, with its 60-day clock (45 CFR 164.528(c)(1)). */
public record AccountingRequest(long id, long patientId, String requesterName, LocalDate receivedOn, LocalDate dueOn,
                                LocalDate fulfilledOn) {

    public boolean overdue(LocalDate today) {
        return fulfilledOn == null && today.isAfter(dueOn);
    }
}
