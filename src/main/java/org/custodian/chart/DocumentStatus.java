package org.custodian.chart;

/**
 * Where a document stands in authentication: a draft is being written, an unsigned document is
 * complete but awaits its author's signature (a record-completion deficiency), a signed one is
 * authenticated, an amended one was changed after signing.
 */
public enum DocumentStatus {
    DRAFT, UNSIGNED, SIGNED, AMENDED
}
