package org.custodian.chart.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.custodian.chart.Chart;
import org.custodian.chart.ChartService;
import org.custodian.chart.ClinicalDocument;
import org.custodian.chart.Encounter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Charts", description = "The legal health record: a patient's chart, encounters, clinical documents and their signatures.")
@RestController
class ChartApiController {

    private final ChartService charts;

    ChartApiController(ChartService charts) {
        this.charts = charts;
    }

    /** Demographics, encounters and documents of one patient. */
    @Operation(summary = "Open a patient's chart: demographics, encounters and documents (audited read)")
    @GetMapping("/api/patients/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    Chart chart(@PathVariable long id) {
        return charts.chart(id);
    }

    @Operation(summary = "Get one encounter (visit) of a chart")
    @GetMapping("/api/encounters/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    Encounter encounter(@PathVariable long id) {
        return charts.encounter(id);
    }

    @Operation(summary = "Get one clinical document with its text and signature status")
    @GetMapping("/api/documents/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    ClinicalDocument document(@PathVariable long id) {
        return charts.document(id);
    }

    @Operation(summary = "Sign (authenticate) a clinical document as its author")
    @PostMapping("/api/documents/{id}/signature")
    @PreAuthorize("hasAuthority('document:sign')")
    ClinicalDocument sign(@PathVariable long id) {
        return charts.sign(id);
    }

    /** The practitioner to name as a document's required cosigner. */
    record CosignerRequest(@jakarta.validation.constraints.NotNull Long practitionerId) {
    }

    @Operation(summary = "Name the practitioner who must cosign a document (42 CFR 482.24(c)(1))")
    @PutMapping("/api/documents/{id}/cosigner")
    @PreAuthorize("hasAuthority('chart:write')")
    ClinicalDocument cosigner(@PathVariable long id, @jakarta.validation.Valid @RequestBody CosignerRequest request) {
        return charts.requireCosigner(id, request.practitionerId());
    }
}
