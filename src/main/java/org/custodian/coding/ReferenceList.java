package org.custodian.coding;

/**
 * A reference list the coding edits use, in the version in force: the Medicare Code Editor lists
 * ({@code mce}), the POA-exempt list ({@code poa-exempt}) and the MS-DRG list ({@code ms-drg},
 * reference only).
 */
public record ReferenceList(String list, String version, int entries, String source, String sha256) {

    public static final String MCE = "mce";
    public static final String POA_EXEMPT = "poa-exempt";
    public static final String MS_DRG = "ms-drg";
}
