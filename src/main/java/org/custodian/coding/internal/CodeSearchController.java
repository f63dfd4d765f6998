package org.custodian.coding.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.custodian.coding.CodeHit;
import org.custodian.coding.CodeSets;
import org.custodian.coding.CodeSystem;
import org.custodian.coding.Encoder;
import org.custodian.coding.FiscalYear;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The encoder over HTTP. Searching the classification reads no patient's data, so unlike chart
 * reads it is not a PHI access and writes no audit event.
 */
@Tag(name = "Coding: encoder", description = "Search the ICD-10-CM and ICD-10-PCS code sets of a fiscal year by words or code.")
@RestController
@Validated
@RequestMapping("/api/codes")
class CodeSearchController {

    private final Encoder encoder;
    private final CodeSets codeSets;
    private final Clock clock;

    CodeSearchController(Encoder encoder, CodeSets codeSets, Clock clock) {
        this.encoder = encoder;
        this.codeSets = codeSets;
        this.clock = clock;
    }

    /**
     * @param fy the fiscal year of the set; by default the one in force today, or the newest loaded
     *           before it when CMS's next set is not loaded yet
     */
    @Operation(summary = "Search ICD-10-CM or ICD-10-PCS codes by words or code (the encoder)")
    @GetMapping("/search")
    @PreAuthorize("hasAuthority('coding:read')")
    List<CodeHit> search(
            @RequestParam @NotBlank(message = "must not be blank") @Size(max = 100, message = "at most 100 characters") String q,
            @RequestParam(defaultValue = "icd10cm") @Pattern(regexp = "(?i)icd10cm|icd10pcs", message = "must be icd10cm or icd10pcs") String system,
            @RequestParam(required = false) @Min(value = 2015, message = "must be 2015 or later") @Max(value = 2100, message = "must be 2100 or earlier") Integer fy,
            @RequestParam(defaultValue = "10") @Min(value = 1, message = "must be at least 1") @Max(value = 50, message = "must be at most 50") int limit) {
        CodeSystem codeSystem = CodeSystem.byId(system).orElseThrow();
        int year;
        if (fy != null) {
            year = fy;
        } else {
            int current = FiscalYear.of(LocalDate.now(clock));
            year = codeSets.latestLoaded(codeSystem, current)
                    .orElseThrow(() -> new IllegalArgumentException("fy: no " + codeSystem.title() + " code set is loaded"));
        }
        return encoder.search(codeSystem, year, q, limit);
    }
}
