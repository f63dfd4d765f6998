package org.custodian.interop.internal.fhir;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.custodian.chart.ChartFindings;
import org.custodian.chart.ChartSearch;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.FindingKind;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * FHIR Condition and Procedure, the chart's coded findings: read, and search by patient or
 * encounter. Audited by the chart module.
 */
@Tag(name = "FHIR R4", description = "HL7 FHIR R4 interface for the EHR and other systems: transaction bundles in, resources and searches out. Errors are OperationOutcome.")
@RestController
@RequestMapping("/fhir/r4")
class FindingFhirController implements FhirEndpoint {

    private final FhirResponses responses;
    private final ChartFindings findings;

    private final StoredFhir stored;
    private final FhirChartAccess access;
    private final ChartSearch chartSearch;

    FindingFhirController(FhirResponses responses, ChartFindings findings, StoredFhir stored, FhirChartAccess access,
                          ChartSearch chartSearch) {
        this.access = access;
        this.chartSearch = chartSearch;
        this.stored = stored;
        this.responses = responses;
        this.findings = findings;
    }

    @Operation(summary = "Read a Condition")
    @GetMapping("/Condition/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> readCondition(@PathVariable String id, HttpServletRequest request) {
        if (!id.matches("\\d{1,18}")) {
            return stored.read("Condition", id, request);
        }
        access.check(chartSearch.patientOfFinding(FhirResponses.id(id)).orElse(null)); // a flagged chart
        CodedFinding f = findings.finding(FhirResponses.id(id));
        if (f.kind() != FindingKind.CONDITION) {
            throw FhirResponses.notFound("Condition", id);
        }
        return responses.respond(200, FhirResources.condition(f), request);
    }

    @Operation(summary = "Read a Procedure")
    @GetMapping("/Procedure/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> readProcedure(@PathVariable String id, HttpServletRequest request) {
        if (!id.matches("\\d{1,18}")) {
            return stored.read("Procedure", id, request);
        }
        access.check(chartSearch.patientOfFinding(FhirResponses.id(id)).orElse(null)); // a flagged chart
        CodedFinding f = findings.finding(FhirResponses.id(id));
        if (f.kind() != FindingKind.PROCEDURE) {
            throw FhirResponses.notFound("Procedure", id);
        }
        return responses.respond(200, FhirResources.procedure(f), request);
    }

    @Operation(summary = "Search Conditions of a patient or encounter")
    @GetMapping("/Condition")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> searchConditions(HttpServletRequest request) {
        if (StoredFhir.wantsStored(request, SearchParams.SEARCH.get("Condition"))) {
            return stored.search("Condition", request);
        }
        return searchFindings("Condition", FindingKind.CONDITION, FhirResources::condition, request);
    }

    @Operation(summary = "Search Procedures of a patient or encounter")
    @GetMapping("/Procedure")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> searchProcedures(HttpServletRequest request) {
        if (StoredFhir.wantsStored(request, SearchParams.SEARCH.get("Procedure"))) {
            return stored.search("Procedure", request);
        }
        return searchFindings("Procedure", FindingKind.PROCEDURE, FhirResources::procedure, request);
    }

    private ResponseEntity<String> searchFindings(String type, FindingKind kind, Function<CodedFinding, Resource> map,
                                                 HttpServletRequest request) {
        SearchParams p = SearchParams.of(type, request);
        Long patient = p.reference("patient", "Patient");
        Long encounter = p.reference("encounter", "Encounter");
        List<CodedFinding> found;
        // one flagged chart (the patient's, or the encounter's patient's) is refused (45 CFR 164.312(a)(2)(ii))
        access.check(patient);
        access.check(encounter == null ? null : chartSearch.patientOfEncounter(encounter).orElse(null));
        if (encounter != null) {
            List<CodedFinding> all = kind == FindingKind.CONDITION ? findings.conditions(encounter) : findings.procedures(encounter);
            found = all.stream().filter(f -> patient == null || f.patientId() == patient).skip(p.offset).limit(p.count + 1L).toList();
        } else if (patient != null) {
            found = findings.forPatient(patient, kind, p.offset, p.count + 1);
        } else {
            throw FhirSearchException.badParameter("patient", "patient or encounter is required to search " + type);
        }
        List<Resource> page = new ArrayList<>();
        found.forEach(f -> page.add(map.apply(f)));
        return responses.searchset(page, p, request);
    }
}
