package org.custodian.reimbursement;

/**
 * The discharge date needs a grouper version that is not loaded (e.g. v44 for discharges from
 * 2026-10-01). The claim is never grouped with an older version instead.
 */
public class GrouperVersionNotLoadedException extends RuntimeException {

    private final String version;

    public GrouperVersionNotLoadedException(String version, String detail) {
        super("grouper " + version + " not loaded" + (detail == null ? "" : " (" + detail + ")"));
        this.version = version;
    }

    public String version() {
        return version;
    }
}
