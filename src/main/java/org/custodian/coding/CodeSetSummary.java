package org.custodian.coding;

/** A loaded code set: its counts (equal to the lines of CMS's file) and the file's digest. */
public record CodeSetSummary(CodeSystem system, int fiscalYear, int codes, int billable, int headers,
        String source, String sha256) {
}
