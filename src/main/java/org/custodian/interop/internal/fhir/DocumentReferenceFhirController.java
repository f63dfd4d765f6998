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
 * FHIR DocumentReference, the chart's clinical documents: read, and search by patient, LOINC type
 * and date. Audited by the chart module.
 */
@Tag(name = "FHIR R4", description = "HL7 FHIR R4 interface for the EHR and other systems: transaction bundles in, resources and searches out. Errors are OperationOutcome.")
@RestController
@RequestMapping("/fhir/r4")
class DocumentReferenceFhirController implements FhirEndpoint {

    private final FhirResponses responses;
    private final ChartService charts;
    private final ChartSearch chartSearch;

    private final StoredFhir stored;
    private final FhirChartAccess access;

    DocumentReferenceFhirController(FhirResponses responses, ChartService charts, ChartSearch chartSearch, StoredFhir stored,
                                    FhirChartAccess access) {
        this.access = access;
        this.stored = stored;
        this.responses = responses;
        this.charts = charts;
        this.chartSearch = chartSearch;
    }

    @Operation(summary = "Read a DocumentReference (a clinical document)")
    @GetMapping("/DocumentReference/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> readDocument(@PathVariable String id, HttpServletRequest request) {
        if (!id.matches("\\d{1,18}")) {
            return stored.read("DocumentReference", id, request);
        }
        return responses.respond(200, FhirResources.document(charts.document(FhirResponses.id(id))), request);
    }

    @Operation(summary = "Search DocumentReferences of a patient or encounter")
    @GetMapping("/DocumentReference")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> searchDocuments(HttpServletRequest request) {
        if (StoredFhir.wantsStored(request, SearchParams.SEARCH.get("DocumentReference"))) {
            return stored.search("DocumentReference", request);
        }
        SearchParams p = SearchParams.of("DocumentReference", request);
        Instant[] range = p.dateRange("date");
        String type = p.one("type");
        if (type != null && type.contains("|")) {
            if (!type.startsWith("http://loinc.org|")) {
                throw FhirSearchException.badParameter("type", "a LOINC code (http://loinc.org|code or code)");
            }
            type = type.substring(type.indexOf('|') + 1);
        }
        Long patient = p.reference("patient", "Patient");
        access.check(patient); // one flagged chart: refused; across patients: left out (45 CFR 164.312(a)(2)(ii))
        var criteria = new ChartSearch.DocumentCriteria(patient, type, range[0], range[1],
                patient == null ? access.closed() : java.util.Set.of());
        List<Resource> page = new ArrayList<>();
        chartSearch.documents(criteria, "date".equals(p.sort), p.offset, p.count + 1)
                .forEach(d -> page.add(FhirResources.document(d)));
        return responses.searchset(page, p, request);
    }
}
