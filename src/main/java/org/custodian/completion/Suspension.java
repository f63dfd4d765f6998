package org.custodian.completion;

import java.time.Instant;

/** A suspension of admitting and scheduling privileges for incomplete records, and its lifting. */
public record Suspension(long id, long practitionerId, String practitioner, String department, Instant suspendedAt,
                         Instant liftedAt, String liftedBy, String liftReason) {

    public boolean active() {
        return liftedAt == null;
    }
}
