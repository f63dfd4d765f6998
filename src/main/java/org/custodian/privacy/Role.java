package org.custodian.privacy;

import static org.custodian.privacy.Permission.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * The roles of an HIM department and what each may do: the one place where roles become
 * permissions. Minimum necessary (HIPAA 45 CFR 164.502(b), 164.514(d)): a role gets only the
 * permissions its work needs; an auditor reviews the log without reading charts.
 */
public enum Role {
    HIM_DIRECTOR("HIM director", EnumSet.of(CHART_READ, CHART_READ_SENSITIVE, CHART_WRITE, AUDIT_READ, AUDIT_VERIFY, CODING_READ,
            CODING_WRITE, CODING_AUDIT, MPI_REVIEW, MPI_MERGE, INTERFACE_MANAGE, FHIR_EXPORT, DISCLOSURE_MANAGE, DISCLOSURE_READ,
            AMENDMENT_MANAGE, RETENTION_MANAGE, RETENTION_APPROVE, LEGAL_HOLD, CREDENTIALS_OWN,
            CREDENTIALS_REVIEW, STAFF_UNLOCK, ANALYTICS_VIEW, PROVIDERS_MANAGE, COMPLETION_ANALYZE, COMPLETION_MANAGE,
            CDI_REVIEW, CDI_LEAD, CDI_ADVISE)),
    CODER("Coder", EnumSet.of(CHART_READ, CODING_READ, CODING_WRITE, CREDENTIALS_OWN)),
    ROI_SPECIALIST("Release-of-information specialist", EnumSet.of(CHART_READ, CHART_READ_SENSITIVE, DISCLOSURE_MANAGE, DISCLOSURE_READ, CREDENTIALS_OWN)),
    CDI_SPECIALIST("CDI specialist", EnumSet.of(CHART_READ, CODING_READ, CREDENTIALS_OWN, CDI_REVIEW)),
    PRIVACY_OFFICER("Privacy officer", EnumSet.of(CHART_READ, CHART_READ_SENSITIVE, AUDIT_READ, AUDIT_VERIFY, DISCLOSURE_READ,
            AMENDMENT_MANAGE, RETENTION_APPROVE, LEGAL_HOLD, CREDENTIALS_OWN, PRIVACY_MANAGE, PRIVACY_MONITOR)),
    /** Finds, reviews, merges and unmerges duplicate registrations in the master patient index. */
    DATA_INTEGRITY_ANALYST("Data integrity analyst", EnumSet.of(CHART_READ, MPI_REVIEW, MPI_MERGE, CREDENTIALS_OWN)),
    CLINICIAN("Clinician", EnumSet.of(CHART_READ, CHART_READ_SENSITIVE, CHART_WRITE, DOCUMENT_SIGN, CREDENTIALS_OWN, COMPLETION_INBOX,
            CDI_ANSWER)),
    /** Analyses charts for completeness and keeps the deficiency worklist (record completion, 42 CFR 482.24(c)). */
    HIM_ANALYST("HIM analyst (record completion)", EnumSet.of(CHART_READ, COMPLETION_ANALYZE, CREDENTIALS_OWN)),
    AUDITOR("Auditor", EnumSet.of(AUDIT_READ, AUDIT_VERIFY, CREDENTIALS_OWN)),
    /** Teaches an HIT/HIM practicum on Custodian's training mode; sees no real patient. */
    INSTRUCTOR("Practicum instructor", EnumSet.of(PRACTICUM_TEACH, CREDENTIALS_OWN)),
    /** An HIT/HIM student: works training exercises on synthetic records only. */
    STUDENT("HIM student", EnumSet.of(PRACTICUM_STUDY)),
    /**
     * A physician who supports CDI: takes the queries left unanswered past the escalation time, talks with
     * the physician queried and records the outcome (AHIMA/ACDIS 2022: escalation policy); reads charts, answers nothing.
     */
    PHYSICIAN_ADVISOR("Physician advisor (CDI)", EnumSet.of(CHART_READ, CREDENTIALS_OWN, CDI_ADVISE)),
    /** A system account for the EHR's interface engine: sends FHIR and HL7 v2, reads nothing back. */
    INTERFACE_ENGINE("Interface engine (system account)", EnumSet.of(CHART_WRITE, INTERFACE_MANAGE)),
    /**
     * Staff, configuration and the department's work, but no clinical reading or signing (issue 22, minimum
     * necessary, 45 CFR 164.502(b), 164.514(d)(2)): an administrator opens no chart, document or FHIR
     * resource, files none, runs no bulk export, releases no record, reads no interface message and works no
     * CDI review (each a read of the chart by another door), authenticates no clinical document, which only its author may (42 CFR 482.24(c)(1)), reads no
     * Part 2 record or psychotherapy note (42 CFR 2.13; 45 CFR 164.508(a)(2)), and has no practicum
     * workspace of their own.
     */
    ADMIN("Administrator", EnumSet.complementOf(EnumSet.of(PRACTICUM_STUDY, DOCUMENT_SIGN, COMPLETION_INBOX,
            CHART_READ, CHART_READ_SENSITIVE, CHART_WRITE, FHIR_EXPORT, DISCLOSURE_MANAGE, INTERFACE_MANAGE, CDI_REVIEW,
            CDI_ANSWER)));

    private final String title;
    private final Set<Permission> permissions;

    Role(String title, Set<Permission> permissions) {
        this.title = title;
        this.permissions = permissions;
    }

    public String title() {
        return title;
    }

    public Set<Permission> permissions() {
        return EnumSet.copyOf(permissions);
    }

    public boolean grants(Permission permission) {
        return permissions.contains(permission);
    }
}
