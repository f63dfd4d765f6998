package org.custodian.privacy;

/**
 * What a staff member may do. Code checks permissions, never roles:
 * {@code @PreAuthorize("hasAuthority('chart:read')")}. {@link Role} maps roles to these in one place.
 */
public enum Permission {
    /** Search patients and read demographics, encounters and documents. */
    CHART_READ("chart:read"),
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
    /** Create staff accounts, assign roles, unlock and disable accounts. */
    STAFF_MANAGE("staff:manage");

    private final String authority;

    Permission(String authority) {
        this.authority = authority;
    }

    /** The Spring Security authority string, e.g. {@code chart:read}. */
    public String authority() {
        return authority;
    }
}
