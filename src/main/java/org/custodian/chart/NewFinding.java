package org.custodian.chart;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A coded condition or procedure to keep with a patient's chart (and encounter, when known). */
public record NewFinding(
        long patientId,
        Long encounterId,
        @NotNull FindingKind kind,
        @NotBlank @Size(max = 200) String system,
        @NotBlank @Size(max = 60) String code,
        @Size(max = 1000) String display,
        Instant performedAt,
        Instant recordedAt) {
}
