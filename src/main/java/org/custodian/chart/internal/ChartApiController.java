package org.custodian.chart.internal;

import org.custodian.chart.Chart;
import org.custodian.chart.ChartService;
import org.custodian.chart.ClinicalDocument;
import org.custodian.chart.Encounter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ChartApiController {

    private final ChartService charts;

    ChartApiController(ChartService charts) {
        this.charts = charts;
    }

    /** Demographics, encounters and documents of one patient. */
    @GetMapping("/api/patients/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    Chart chart(@PathVariable long id) {
        return charts.chart(id);
    }

    @GetMapping("/api/encounters/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    Encounter encounter(@PathVariable long id) {
        return charts.encounter(id);
    }

    @GetMapping("/api/documents/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    ClinicalDocument document(@PathVariable long id) {
        return charts.document(id);
    }

    @PostMapping("/api/documents/{id}/signature")
    @PreAuthorize("hasAuthority('document:sign')")
    ClinicalDocument sign(@PathVariable long id) {
        return charts.sign(id);
    }
}
