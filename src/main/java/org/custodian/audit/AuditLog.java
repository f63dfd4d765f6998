package org.custodian.audit;

import java.util.List;

/** The audit module's API: append, read, verify. */
public interface AuditLog {

    /** Appends one event; returns once it is committed. */
    void append(AuditEntry entry);

    /** Appends many events in one commit; returns once they are committed. */
    void appendAll(List<AuditEntry> entries);

    /**
     * Appends the events in the caller's transaction, which must be active: they commit with the
     * changes they describe, or roll back with them, and cost no commit of their own. The chain's
     * lock is held until the caller's transaction ends, so other appends wait for it: call this
     * last, just before the commit.
     */
    void appendInTransaction(List<AuditEntry> entries);

    List<AuditRecord> find(AuditQuery query);

    long count(AuditQuery query);

    /**
     * Up to {@code limit} events after {@code afterSeq}, oldest first, without their hashes: the
     * incremental read of the log for privacy monitoring (45 CFR 164.308(a)(1)(ii)(D)).
     */
    List<AuditRecord> after(long afterSeq, int limit);
    /** One event by its sequence number. */
    java.util.Optional<AuditRecord> event(long seq);

    ChainVerification verify();

    AuditCheckpoint checkpoint();

    CheckpointVerification verify(AuditCheckpoint checkpoint);

    /** The signed checkpoints kept outside the database ({@code custodian.audit.checkpoints.dir}), oldest first. */
    List<AuditCheckpoint> storedCheckpoints();

    /** Where the checkpoints are kept: a backup copies it, a restore copies it back. */
    java.nio.file.Path checkpointDirectory();

    /**
     * For the restore command only: walks the whole restored chain from its first event and, when it
     * holds, signs and stores a checkpoint of its head that becomes the anchor of later checks. The
     * older checkpoints that vouch for events lost with the restore stay where they are, as evidence.
     */
    AuditCheckpoint checkpointAfterRestore();
}
