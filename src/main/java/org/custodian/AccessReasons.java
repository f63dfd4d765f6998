package org.custodian;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;

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
     * A module's reasons by one SQL statement over its own tables, with {@code :f} and {@code :t} bound
     * to the range and the columns, in order: username, patient id, kind, detail, start, end (null: open).
     */
    static List<AccessReason> query(JdbcClient jdbc, String sql, Instant from, Instant to) {
        return jdbc.sql(sql).param("f", from.atOffset(ZoneOffset.UTC)).param("t", to.atOffset(ZoneOffset.UTC))
                .query((rs, i) -> {
                    OffsetDateTime end = rs.getObject(6, OffsetDateTime.class);
                    return new AccessReason(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(), end == null ? null : end.toInstant());
                })
                .list();
    }

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
