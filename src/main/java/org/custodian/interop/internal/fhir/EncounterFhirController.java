package org.custodian.interop.internal.fhir;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.custodian.chart.ChartSearch;
import org.custodian.chart.ChartService;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * FHIR Encounter: read, and search by patient, date and status (finished or in-progress). Audited
 * by the chart module.
 */
@Tag(name = "FHIR R4", description = "HL7 FHIR R4 interface for the EHR and other systems: transaction bundles in, resources and searches out. Errors are OperationOutcome.")
@RestController
@RequestMapping("/fhir/r4")
class EncounterFhirController implements FhirEndpoint {

    private final FhirResponses responses;
    private final ChartService charts;
    private final ChartSearch chartSearch;

    private final StoredFhir stored;
    private final FhirChartAccess access;

    EncounterFhirController(FhirResponses responses, ChartService charts, ChartSearch chartSearch, StoredFhir stored,
                            FhirChartAccess access) {
        this.access = access;
        this.stored = stored;
        this.responses = responses;
        this.charts = charts;
        this.chartSearch = chartSearch;
    }

    @Operation(summary = "Read an Encounter")
    @GetMapping("/Encounter/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> readEncounter(@PathVariable String id, HttpServletRequest request) {
        if (!id.matches("\\d{1,18}")) {
            return stored.read("Encounter", id, request);
        }
        return responses.respond(200, FhirResources.encounter(charts.encounter(FhirResponses.id(id))), request);
    }

    @Operation(summary = "Search Encounters of a patient")
    @GetMapping("/Encounter")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> searchEncounters(HttpServletRequest request) {
        if (StoredFhir.wantsStored(request, SearchParams.SEARCH.get("Encounter"))) {
            return stored.search("Encounter", request);
        }
        SearchParams p = SearchParams.of("Encounter", request);
        Instant[] range = p.dateRange("date");
        String status = p.one("status");
        Boolean discharged = null;
        if (status != null) {
            discharged = switch (status) {
                case "finished" -> true;
                case "in-progress" -> false;
                default -> throw FhirSearchException.badParameter("status", "finished or in-progress");
            };
        }
        Long patient = p.reference("patient", "Patient");
        access.check(patient); // one flagged chart: refused; across patients: left out (45 CFR 164.312(a)(2)(ii))
        var criteria = new ChartSearch.EncounterCriteria(patient, range[0], range[1], discharged,
                patient == null ? access.closed() : java.util.Set.of());
        List<Resource> page = new ArrayList<>();
        chartSearch.encounters(criteria, !"-date".equals(p.sort), p.offset, p.count + 1)
                .forEach(e -> page.add(FhirResources.encounter(e)));
        return responses.searchset(page, p, request);
    }
}
