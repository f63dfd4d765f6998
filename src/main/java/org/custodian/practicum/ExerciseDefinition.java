package org.custodian.practicum;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * An exercise as data: the seed of its synthetic records, how many of them ({@code size}: persons
 * for MPI, routine accesses for a privacy audit, both at least 10; charts to code; routine requests
 * in a release-of-information queue), and how many of each planted error. The key
 * follows from these; an instructor adds an exercise by sending one of these, without code.
 */
public record ExerciseDefinition(
        @NotNull @Pattern(regexp = "[a-z0-9-]{3,40}") String id,
        @NotNull ExerciseKind kind,
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 4000) String instructions,
        long seed,
        @Min(1) @Max(2000) int size,
        @NotNull Map<String, @Min(0) @Max(50) Integer> planted) {
}
