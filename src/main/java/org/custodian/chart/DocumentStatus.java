package org.custodian.chart;

/**
 * Where a document stands in authentication: a draft is being written, an unsigned document is
 * complete but awaits its author's signature (a record-completion deficiency), a signed one is
 * authenticated, an amended one was changed after signing. A cancelled one was withdrawn by the
 * system that sent it before it was authenticated (HL7 v2 MDM^T11): it stays in the chart, marked,
 * with its text, but is no longer part of what is released or signed.
 */
public enum DocumentStatus {
    DRAFT, UNSIGNED, SIGNED, AMENDED, CANCELLED;

    /**
     * Whether a document in this state goes out in a release of information: not a draft (not yet
     * part of the legal health record), not one its source cancelled before authentication.
     */
    public boolean released() {
        return this != DRAFT && this != CANCELLED;
    }
}
