package org.custodian.monitoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Privacy monitoring's API: the alerts of unexplained chart access, their cases and decisions, the
 * rules and their measured precision, and the patient's access report (45 CFR 164.308(a)(1)(ii)(D)).
 */
public interface PrivacyMonitoring {

    enum Decision {
        APPROPRIATE("Appropriate"),
        INAPPROPRIATE_EDUCATION("Inappropriate: education"),
        INAPPROPRIATE_SANCTION("Inappropriate: sanction"),
        FALSE_POSITIVE("False positive");

        private final String label;

        Decision(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean inappropriate() {
            return this == INAPPROPRIATE_EDUCATION || this == INAPPROPRIATE_SANCTION;
        }
    }

    record RuleContribution(String rule, String title, int contribution, String explanation) {
    }

    record AlertAccess(long seq, Instant at, String resource) {
    }

    record Alert(long id, String user, long patientId, String patientName, String mrn, LocalDate day, int score,
                 Instant firstAt, Instant lastAt, List<RuleContribution> rules, List<AlertAccess> accesses,
                 Decision decision, String decisionNote, String decidedBy, Instant decidedAt) {
    }

    record RulePrecision(String code, String title, int weight, String explanation, boolean enabled, int decided,
                         int inappropriate, Double precision) {
    }

    record ReportLine(String user, String roles, Instant firstAt, Instant lastAt, int accesses, String reason) {
    }

    record AccessReport(long patientId, String patientName, String mrn, Instant from, Instant to, List<ReportLine> lines,
                        String accountingOfDisclosures) {
    }

    /** A page of the alert worklist and how many alerts match in all. */
    record Worklist(List<Alert> alerts, long total) {
    }

    /**
     * The alert worklist: the {@code limit} highest-scoring alerts (open only, or decided too), narrowed to
     * a user and to a patient when given, and how many match.
     */
    @PreAuthorize("hasAuthority('privacy:monitor')")
    Worklist worklist(boolean openOnly, String user, Long patientId, int limit);

    /** Reads the audit log since the last scan, explains and scores it; returns the accesses scanned. */
    @PreAuthorize("hasAuthority('privacy:monitor')")
    int scanNow();

    @PreAuthorize("hasAuthority('privacy:monitor')")
    List<Alert> alerts(Instant from, Instant to, boolean openOnly);

    @PreAuthorize("hasAuthority('privacy:monitor')")
    Alert alert(long id);

    @PreAuthorize("hasAuthority('privacy:monitor')")
    Alert decide(long id, Decision decision, String note);

    @PreAuthorize("hasAuthority('privacy:monitor')")
    List<RulePrecision> rules();

    @PreAuthorize("hasAuthority('privacy:monitor')")
    RulePrecision setRule(String code, int weight, boolean enabled);

    /** Every user who opened the patient's record in {@code [from, to)}, with role and reason. */
    @PreAuthorize("hasAuthority('privacy:monitor')")
    AccessReport accessReport(long patientId, Instant from, Instant to);
}
