package org.custodian.mpi.internal;

/** What the thresholds say about a scored pair. */
public enum MatchDecision {
    LINK, REVIEW, NON_MATCH
}
