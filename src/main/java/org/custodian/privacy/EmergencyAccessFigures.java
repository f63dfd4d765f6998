package org.custodian.privacy;

import java.time.Instant;
import java.util.List;

/**
 * Break-the-glass figures for the department dashboard (45 CFR 164.312(a)(2)(ii), emergency access
 * procedure; its review under 164.308(a)(1)(ii)(D)): the grants awaiting the privacy officer's
 * review at an instant. Rows carry ids only, no names: the caller checks who may see the figure
 * and names patients through its own audited call.
 */
public interface EmergencyAccessFigures {

    /** A grant made before the instant and not reviewed by then, with its review deadline. */
    record PendingReview(long grantId, long patientId, String user, String purpose, Instant grantedAt, Instant reviewDue) {
        public boolean overdueAt(Instant at) {
            return reviewDue.isBefore(at);
        }
    }

    /** Grants awaiting review at {@code at}, oldest deadline first. */
    List<PendingReview> awaitingReviewAt(Instant at);
}
