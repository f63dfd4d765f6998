package org.custodian.chart;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * A newer version of a document from the system that wrote it (a transcription system's HL7 v2
 * MDM^T04 or T08): its content and where it stands. {@code signedBy}/{@code signedAt} only for a
 * version authenticated at the source.
 */
public record DocumentRevision(
        @NotNull DocumentType type,
        @Size(max = 200) String title,
        @NotBlank @Size(max = 200) String author,
        @NotBlank @Size(max = 1_000_000) String text,
        @NotNull DocumentStatus status,
        String signedBy,
        Instant signedAt) {
}
