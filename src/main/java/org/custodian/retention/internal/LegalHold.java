package org.custodian.retention.internal;

import java.time.Instant;

/** A legal hold on a patient's whole record, or on one encounter: who placed it, why, and its release. */
public record LegalHold(long id, long patientId, Long encounterId, String matter, String reason, String placedBy, Instant placedAt,
                 String releasedBy, Instant releasedAt, String releaseReason) {

    public boolean active() {
        return releasedAt == null;
    }
}
