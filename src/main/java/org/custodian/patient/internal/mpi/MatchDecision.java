package org.custodian.patient.internal.mpi;

/** What the thresholds say about a scored pair. */
public enum MatchDecision {
    LINK, REVIEW, NON_MATCH
}
