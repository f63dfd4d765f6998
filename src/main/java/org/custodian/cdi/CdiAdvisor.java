package org.custodian.cdi;

import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The physician advisor's queue: queries left unanswered past the escalation time
 * ({@code custodian.cdi.escalate-after}), each with its patient, the physician asked and its age, and
 * the advisor's reviews of it (a physician-to-physician conversation, AHIMA/ACDIS Guidelines for
 * Achieving a Compliant Query Practice, 2022 update: an escalation policy for unanswered queries).
 * A review records what the advisor did; it never answers the query for the physician.
 */
public interface CdiAdvisor {

    enum ReviewOutcome {
        DISCUSSED_PHYSICIAN_WILL_ANSWER("Discussed with the physician: will answer"),
        QUERY_SUPPORTED_REMINDED("Query clinically supported: physician reminded"),
        QUERY_NOT_SUPPORTED("Query not clinically supported"),
        UNABLE_TO_REACH("Could not reach the physician"),
        REFERRED_TO_CMO("Referred to the chief medical officer");

        private final String title;

        ReviewOutcome(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    record Review(long id, long queryId, ReviewOutcome outcome, String note, String reviewedBy, Instant reviewedAt) {
    }

    /** An escalated query: {@code ageHours} since it was sent (to now, or to its answer once answered). */
    record Escalated(long queryId, long encounterId, long patientId, String patientName, String mrn, String visitNumber,
                     long practitionerId, String physician, String template, Instant sentAt, Instant escalatedAt, long ageHours,
                     String status, List<Review> reviews) {
    }

    /** One page, oldest query first (it has waited longest), and the total. */
    record Page(List<Escalated> items, long total, int page, int size) {
    }

    /** Escalated queries, of one patient when {@code patientId} is given; {@code openOnly}: only those still unanswered. */
    @PreAuthorize("hasAuthority('cdi:advise')")
    Page escalated(Long patientId, boolean openOnly, int page, int size);

    /** Records the advisor's review of an escalated query; 409 {@code cdi-query-not-escalated} for one that is not. */
    @PreAuthorize("hasAuthority('cdi:advise')")
    Review review(long queryId, ReviewOutcome outcome, String note);
}
