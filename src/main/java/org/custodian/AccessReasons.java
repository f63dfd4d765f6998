package org.custodian;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A module's reasons why a staff member may open a patient's chart: the care relationships and work
 * items it holds (an encounter's attending, a document's author, a coding assignment, an ROI
 * request, a duplicate pair, an amendment, a legal hold, a practicum exercise...). Privacy
 * monitoring explains each chart access against the reasons of every module and scores only what
 * stays unexplained: the review of information-system activity HIPAA requires
 * (45 CFR 164.308(a)(1)(ii)(D)).
 *
 * <p>Each module with work on patients declares one bean. It answers in bulk for a time range, so
 * that a million audit events are explained with one query per module, never one per event.
 */
public interface AccessReasons {

    /**
     * Every reason that held at some moment in {@code [from, to)}: who, which patient, what kind of
     * work, and the interval it covers (the monitor widens it by its configured grace window).
     */
    List<AccessReason> reasons(Instant from, Instant to);

    /**
     * One reason: {@code username} may open {@code patientId}'s chart from {@code start} until
     * {@code end} ({@code null}: still open) because of {@code kind} (a short word of the HIM
     * vocabulary, e.g. "attending", "document author", "coding", "release of information"),
     * {@code detail} naming the work item without PHI (e.g. "encounter 50000123").
     */
    record AccessReason(String username, long patientId, String kind, String detail, Instant start, Instant end) {
        public AccessReason {
            Objects.requireNonNull(username);
            Objects.requireNonNull(kind);
            Objects.requireNonNull(start);
        }

        /** Whether the reason covers {@code at}, widened by {@code graceSeconds} on both sides. */
        public boolean covers(Instant at, long graceSeconds) {
            return !at.isBefore(start.minusSeconds(graceSeconds))
                    && (end == null || !at.isAfter(end.plusSeconds(graceSeconds)));
        }
    }
}
