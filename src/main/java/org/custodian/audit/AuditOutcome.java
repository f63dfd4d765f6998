package org.custodian.audit;

/** How the attempt ended. */
public enum AuditOutcome {
    SUCCESS, DENIED, FAILURE
}
