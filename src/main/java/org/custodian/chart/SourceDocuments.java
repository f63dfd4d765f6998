package org.custodian.chart;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Documents kept in step with the system that wrote them (a transcription or document management
 * system over HL7 v2 MDM). A document is filed through {@link ChartService#file}; later versions
 * and a cancellation come here. Every change keeps the version it replaces
 * ({@link #versions}): a signed document's authenticated text is never lost when it is amended.
 */
public interface SourceDocuments {

    /** What {@link #revise} did. */
    enum Revision {
        /** The version was the stored one already (a resend): nothing changed. */
        UNCHANGED,
        /** A draft or unsigned document took the new content and state. */
        REPLACED,
        /** A signed document was changed: now AMENDED, the signed version kept. */
        AMENDED
    }

    /** An earlier version of a document, kept when it was replaced. */
    record Version(int version, String title, String author, String text, DocumentStatus status, String signedBy,
                   java.time.Instant signedAt, java.time.Instant replacedAt) {
    }

    /**
     * Replaces the document's content and state with {@code revision}, keeping the one it
     * replaces. A draft or unsigned document takes the revision as it is; a signed or amended one
     * whose text changes becomes AMENDED, keeping its signature unless the revision brings a new
     * one; a signed document never goes back to draft or unsigned (IllegalArgumentException), and
     * a cancelled one takes no revision (IllegalStateException).
     */
    @PreAuthorize("hasAuthority('chart:write')")
    Revision revise(long documentId, DocumentRevision revision);

    /**
     * Cancels a document its source withdrew before authentication: it becomes CANCELLED (kept,
     * marked, no longer released or signable). Returns false when it was cancelled already. A
     * signed or amended document cannot be cancelled (IllegalStateException): once authenticated it
     * is part of the legal health record and changes only by amendment.
     */
    @PreAuthorize("hasAuthority('chart:write')")
    boolean cancel(long documentId);

    /** The versions the document had before its current one, oldest first (an audited read). */
    List<Version> versions(long documentId);
}
