package org.custodian.disclosure;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.custodian.chart.RecordCategory;
import org.custodian.chart.DocumentType;

/**
 * A release-of-information request with its clock: {@code dueOn} is the deadline from receipt,
 * {@code extendedDueOn} the deadline after the one extension (45 CFR 164.524(b)(2)(iii)).
 */
public record DisclosureRequest(long id, String requestNumber, long patientId, RequesterType requesterType,
                                String requesterName, String requesterAddress, String purpose, Delivery delivery,
                                LocalDate receivedOn, String state, LocalDate dueOn, LocalDate extendedDueOn,
                                String extensionReason, LocalDate extensionNotifiedOn, LocalDate dateFrom,
                                LocalDate dateTo, Set<DocumentType> documentTypes, List<Long> encounterIds,
                                Authorization authorization, LegalProcess legalProcess, Status status,
                                String createdBy, Instant createdAt, Instant releasedAt, String releasedBy,
                                Set<RecordCategory> recordCategories) {

    public enum Status { OPEN, RELEASED }

    /** The deadline in force: the extended one when the request was extended. */
    public LocalDate deadline() {
        return extendedDueOn != null ? extendedDueOn : dueOn;
    }

    public boolean overdue(LocalDate today) {
        return status == Status.OPEN && today.isAfter(deadline());
    }
}
