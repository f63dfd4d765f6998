package org.custodian.chart;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A patient's request to amend one document (45 CFR 164.526), its clock, the decision, and —
 * after a denial — the statement of disagreement and the rebuttal (164.526(d)).
 */
public record AmendmentRequest(long id, long documentId, long patientId, String requestedChange, String patientReason,
                               LocalDate receivedOn, String receivedBy, LocalDate dueOn, LocalDate extendedTo,
                               String extensionReason, AmendmentStatus status, String decidedBy, Instant decidedAt,
                               String amendmentText, DenialReason denialReason, String denialExplanation,
                               String disagreement, Instant disagreementAt, String rebuttal, String rebuttalBy,
                               Instant rebuttalAt) {

    /** The last day to act: the due date, or the extended date after the one extension. */
    public LocalDate deadline() {
        return extendedTo != null ? extendedTo : dueOn;
    }

    public boolean extended() {
        return extendedTo != null;
    }

    public boolean overdueOn(LocalDate today) {
        return status == AmendmentStatus.PENDING && AmendmentClock.overdue(deadline(), today);
    }
}
