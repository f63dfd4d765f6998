package org.custodian.audit;

import java.time.Instant;

/** A stored audit event, with its place in the chain. */
public record AuditRecord(
        long seq,
        Instant occurredAt,
        String username,
        String roles,
        Long patientId,
        String resourceType,
        String resourceId,
        String action,
        String purpose,
        String clientAddress,
        String outcome,
        String detail,
        String hash) {
}
