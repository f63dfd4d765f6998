package org.custodian.chart;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A document to file. {@code signedBy}/{@code signedAt} are set only for documents already signed at the source. */
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
        Instant signedAt) {
}
