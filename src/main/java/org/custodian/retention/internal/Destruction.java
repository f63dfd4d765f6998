package org.custodian.retention.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A proposed or completed destruction: what, by which method, who proposed and approved, and the certificate. */
public record Destruction(long id, String status, String jurisdiction, DestructionMethod method, String reason, String proposedBy,
                   Instant proposedAt, Instant destroyedAt, String certificateNumber, List<Item> items,
                   List<Approval> approvals) {

    public record Item(long encounterId, long patientId, String mrn, String encounterNumber, String recordType, LocalDate serviceEnd,
                LocalDate retainUntil, int documentCount) {
    }

    public record Approval(String approvedBy, Instant approvedAt) {
    }

    static final int APPROVALS_NEEDED = 2;

    public boolean destroyed() {
        return "DESTROYED".equals(status);
    }
}
