package org.custodian.chart;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Requests to amend, for the dashboard: received, due (45 CFR 164.526(b)(2): act within 60 days,
 * once extendable by 30) and decided. Rows carry ids only; the caller checks who may see them.
 */
public interface AmendmentFigures {

    record AmendmentDates(long id, long patientId, long documentId, LocalDate receivedOn, LocalDate deadline,
                          Instant decidedAt) {
    }

    /** Requests received on or before {@code to} and undecided on {@code from} or decided from {@code from} on. */
    List<AmendmentDates> requests(LocalDate from, LocalDate to);
}
