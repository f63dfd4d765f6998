package org.custodian.coding;

/**
 * A reference list the coding edits use, in the version in force: the POA-exempt list
 * ({@code poa-exempt}). The Medicare Code Editor and the MS-DRGs are the reimbursement module's
 * versioned tables, chosen by discharge date.
 */
public record ReferenceList(String list, String version, int entries, String source, String sha256) {

    public static final String POA_EXEMPT = "poa-exempt";
}
