package org.custodian.audit;

import java.util.List;

/** The audit module's API: append, read, verify. */
public interface AuditLog {

    /** Appends one event; returns once it is committed. */
    void append(AuditEntry entry);

    /** Appends many events in one commit; returns once they are committed. */
    void appendAll(List<AuditEntry> entries);

    List<AuditRecord> find(AuditQuery query);

    long count(AuditQuery query);

    ChainVerification verify();

    AuditCheckpoint checkpoint();

    CheckpointVerification verify(AuditCheckpoint checkpoint);
}
