package org.custodian.privacy;

import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The emergency access procedure (HIPAA 45 CFR 164.312(a)(2)(ii)): a flagged chart opens to a user
 * without a care relationship only after they give a reason (an HL7 PurposeOfUse code and text),
 * for a limited time; each such access is an emergency-access audit event and an item of the privacy
 * officer's review queue, with a deadline and a kept outcome.
 */
public interface BreakTheGlass {

    /** The review's outcomes. */
    enum Outcome {
        APPROPRIATE("Appropriate"),
        INAPPROPRIATE_EDUCATION("Inappropriate: education"),
        INAPPROPRIATE_SANCTION("Inappropriate: sanction");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    record Grant(long id, long patientId, String username, String purpose, String reason, Instant grantedAt,
                 Instant expiresAt, Instant reviewDue, Outcome outcome, String reviewNote, String reviewedBy,
                 Instant reviewedAt) {
        public boolean activeAt(Instant at) {
            return !at.isBefore(grantedAt) && at.isBefore(expiresAt);
        }
    }

    /**
     * Throws {@link BreakTheGlassRequired} when the signed-in user may not open the patient's chart
     * now: the patient has a flag that needs it, no module gives the user a reason
     * ({@link org.custodian.AccessReasons}), and the user has no unexpired grant. Work with no
     * signed-in user (feeds, schedules) passes.
     */
    void checkChartAccess(long patientId);

    /** Whether the signed-in user would be refused (for pages that link to a chart). */
    boolean required(long patientId);

    /**
     * Every flagged patient the signed-in user would be refused now (no care relationship, no unexpired
     * grant), for searches across patients that must leave them out (the FHIR API); empty for work with
     * no signed-in user. One query for the flags, one for the user's grants, one look at the reasons.
     */
    java.util.Set<Long> closedCharts();

    /** Opens the chart to the signed-in user for the configured time (default 4 hours), audited and queued for review. */
    @PreAuthorize("hasAuthority('chart:read')")
    Grant breakGlass(long patientId, String purposeOfUse, String reason);

    /** Grants awaiting review, oldest deadline first. */
    @PreAuthorize("hasAuthority('privacy:manage')")
    List<Grant> reviewQueue();

    /** Every grant in {@code [from, to)}, reviewed or not, newest first. */
    @PreAuthorize("hasAuthority('privacy:manage')")
    List<Grant> grants(Instant from, Instant to);

    @PreAuthorize("hasAuthority('privacy:manage')")
    Grant review(long grantId, Outcome outcome, String note);
}
