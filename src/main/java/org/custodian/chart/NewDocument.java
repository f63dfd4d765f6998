package org.custodian.chart;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * A document to file; {@code authorId}/{@code cosignerId} name practitioners of the provider directory
 * (the author's text is resolved by name when no id is given).
 *  {@code signedBy}/{@code signedAt} are set only for documents already signed at the source. */
public record NewDocument(
        long patientId,
        Long encounterId,
        @NotNull DocumentType type,
        @Size(max = 200) String title,
        @NotBlank @Size(max = 200) String author,
        @NotBlank @Size(max = 1_000_000) String text,
        @NotNull DocumentStatus status,
        @NotNull Instant createdAt,
        String signedBy,
        Instant signedAt,
        Long authorId,
        Long cosignerId) {

    /** A document whose author is known by name only (resolved in the provider directory when filed). */
    public NewDocument(long patientId, Long encounterId, DocumentType type, String title, String author, String text,
                       DocumentStatus status, Instant createdAt, String signedBy, Instant signedAt) {
        this(patientId, encounterId, type, title, author, text, status, createdAt, signedBy, signedAt, null, null);
    }
}
