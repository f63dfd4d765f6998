package org.custodian.chart;

import java.time.LocalDate;

/**
 * The deadlines of a request to amend, 45 CFR 164.526(b)(2): act no later than 60 days after
 * receipt (i); one extension of no more than 30 days, announced in writing within the 60 days (ii).
 * Calendar days: a deadline on a weekend or holiday is not moved, the rule does not move it.
 */
public final class AmendmentClock {

    public static final int DAYS_TO_ACT = 60;
    public static final int EXTENSION_DAYS = 30;

    private AmendmentClock() {
    }

    /** The day by which the request must be acted on, without extension. */
    public static LocalDate dueOn(LocalDate receivedOn) {
        return receivedOn.plusDays(DAYS_TO_ACT);
    }

    /** The new deadline after the one permitted extension. */
    public static LocalDate extendedTo(LocalDate dueOn) {
        return dueOn.plusDays(EXTENSION_DAYS);
    }

    /** Overdue: still pending after the last day to act. */
    public static boolean overdue(LocalDate deadline, LocalDate today) {
        return today.isAfter(deadline);
    }
}
