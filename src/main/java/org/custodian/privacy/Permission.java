package org.custodian.privacy;

/**
 * What a staff member may do. Code checks permissions, never roles:
 * {@code @PreAuthorize("hasAuthority('chart:read')")}. {@link Role} maps roles to these in one place.
 */
public enum Permission {
    /** Search patients and read demographics, encounters and documents. */
    CHART_READ("chart:read"),
    /**
     * Read documents of a 42 CFR Part 2 substance-use-disorder program and psychotherapy notes (45 CFR
     * 164.508(a)(2)), which {@code chart:read} alone does not show (minimum necessary, 45 CFR 164.502(b)).
     */
    CHART_READ_SENSITIVE("chart:read-sensitive"),
    /** Register patients, record encounters and documents. */
    CHART_WRITE("chart:write"),
    /** Authenticate (sign) a clinical document as its author. */
    DOCUMENT_SIGN("document:sign"),
    /** Read the audit log. */
    AUDIT_READ("audit:read"),
    /** Verify the audit chain and export or check signed checkpoints. */
    AUDIT_VERIFY("audit:verify"),
    /** Search the code sets (ICD-10-CM/PCS) with the encoder. Reads no patient data. */
    CODING_READ("coding:read"),
    /** Code encounters: write and finalize coded abstracts. */
    CODING_WRITE("coding:write"),
    /** Coding quality: dual-coding audits, coder productivity, DNFB. */
    CODING_AUDIT("coding:audit"),
    /** Work the master patient index's duplicate worklist and record decisions. */
    MPI_REVIEW("mpi:review"),
    /** Merge and unmerge patient records. */
    MPI_MERGE("mpi:merge"),
    /** Import FHIR, view the interface's received messages and reprocess failed ones. */
    INTERFACE_MANAGE("interface:manage"),
    /**
     * Bulk FHIR export of the whole patient population (analytics, research, registries): a
     * disclosure of everything, so apart from the interface's own traffic and from chart reading.
     */
    FHIR_EXPORT("fhir:export"),
    /** Work release-of-information requests and produce disclosure packets. */
    DISCLOSURE_MANAGE("disclosure:manage"),
    /** Read requests and a patient's accounting of disclosures (45 CFR 164.528). */
    DISCLOSURE_READ("disclosure:read"),
    /** Receive, accept and deny a patient's request to amend (45 CFR 164.526). */
    AMENDMENT_MANAGE("amendment:manage"),
    /** Keep retention schedules and propose records for destruction. */
    RETENTION_MANAGE("retention:manage"),
    /** Approve a destruction (two different approvers are needed). */
    RETENTION_APPROVE("retention:approve"),
    /** Place and release legal holds. */
    LEGAL_HOLD("legal-hold:manage"),
    /** Keep one's own credentials and continuing-education log. Holds no patient data. */
    CREDENTIALS_OWN("credentials:own"),
    /** See the team's credentials, who is due or short, and export them for an audit. */
    CREDENTIALS_REVIEW("credentials:review"),
    /** Run a practicum: define exercises, form cohorts, assign, see keys and grades. Synthetic data only. */
    PRACTICUM_TEACH("practicum:teach"),
    /** Work one's own practicum exercises on synthetic records. Grants nothing on real patients. */
    PRACTICUM_STUDY("practicum:study"),
    /** Create staff accounts, assign roles, unlock and disable accounts. */
    STAFF_MANAGE("staff:manage"),
    /**
     * End the sign-in throttle of an account (unlock): a second way back in besides the
     * administrator's, so that locking out the administrators locks out no one for good.
     */
    STAFF_UNLOCK("staff:unlock"),
    /** The department dashboard: every KPI tile, trend and drill-down the viewer's other permissions allow. */
    ANALYTICS_VIEW("analytics:view"),
    /** Scrape the operational figures at /actuator/prometheus (a monitoring system's account). */
    METRICS_SCRAPE("metrics:scrape"),
    /** Set and clear confidentiality flags; review break-the-glass accesses (45 CFR 164.312(a)(2)(ii)). */
    PRIVACY_MANAGE("privacy:manage"),
    /** Snooping alerts, their cases and the patient access report (45 CFR 164.308(a)(1)(ii)(D)). */
    PRIVACY_MONITOR("privacy:monitor"),
    /** Add practitioners to the provider directory (NPI, specialty, medical-staff status, linked account). */
    PROVIDERS_MANAGE("providers:manage"),
    /** Analyse discharged charts for deficiencies, keep manual deficiencies, see every deficiency (record completion). */
    COMPLETION_ANALYZE("completion:analyze"),
    /** A practitioner's own chart-completion inbox: the deficiencies assigned to them. */
    COMPLETION_INBOX("completion:inbox"),
    /** Edit deficiency rules and bylaw defaults, issue escalation letters, lift suspensions, see the director's figures. */
    COMPLETION_MANAGE("completion:manage"),
    /** Clinical documentation improvement: the review worklist, building and sending physician queries, outcomes. */
    CDI_REVIEW("cdi:review"),
    /** Edit the CDI worklist rules (thresholds, windows, satisfying codes, active) and the query lint list (the CDI lead). */
    CDI_LEAD("cdi:lead"),
    /** Answer the documentation queries sent to oneself (a physician). */
    CDI_ANSWER("cdi:answer"),
    /** The physician advisor's queue of escalated CDI queries, and recording the advisor's review of one. */
    CDI_ADVISE("cdi:advise");

    private final String authority;

    Permission(String authority) {
        this.authority = authority;
    }

    /** The Spring Security authority string, e.g. {@code chart:read}. */
    public String authority() {
        return authority;
    }
}
