package org.custodian.audit;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The audit module's API: append, read, verify. Reading the events (who opened which patient's chart) is
 * {@code audit:read}, checked here whoever calls (45 CFR 164.308(a)(1)(ii)(D), information system activity review by
 * those charged with it; 164.312(b)); appending is every module's, and verifying the chain reveals no event.
 */
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

    @PreAuthorize("hasAuthority('audit:read')")
    List<AuditRecord> find(AuditQuery query);

    @PreAuthorize("hasAuthority('audit:read')")
    long count(AuditQuery query);

    /**
     * Up to {@code limit} events after {@code afterSeq}, oldest first, without their hashes: the
     * incremental read of the log for privacy monitoring (45 CFR 164.308(a)(1)(ii)(D)).
     */
    @PreAuthorize("hasAuthority('audit:read')")
    List<AuditRecord> after(long afterSeq, int limit);

    /** One event by its sequence number. */
    @PreAuthorize("hasAuthority('audit:read')")
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
