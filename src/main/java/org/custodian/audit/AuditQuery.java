package org.custodian.audit;

import java.time.Instant;

/** Filters for the privacy officer's view of the log; null means any. */
public record AuditQuery(Long patientId, String username, Instant from, Instant to, int page, int size) {
}
