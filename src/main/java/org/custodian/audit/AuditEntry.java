package org.custodian.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One touch of patient data or one security event, as given to {@link AuditLog}: who, in which
 * roles, which patient, which resource, what, why (purpose of use), when, from where, outcome.
 * The log adds the sequence number and the hash chain.
 */
public record AuditEntry(
        Instant occurredAt,
        String username,
        String roles,
        Long patientId,
        String resourceType,
        String resourceId,
        AuditAction action,
        String purpose,
        String clientAddress,
        AuditOutcome outcome,
        String detail) {

    public AuditEntry {
        if (occurredAt == null || username == null || action == null || outcome == null) {
            throw new IllegalArgumentException("an audit entry needs a time, a user, an action and an outcome");
        }
        // PostgreSQL keeps microseconds: hash exactly what is stored.
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        roles = roles == null ? "" : roles;
    }
}
