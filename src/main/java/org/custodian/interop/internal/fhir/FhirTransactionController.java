package org.custodian.interop.internal.fhir;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Import by POSTing a transaction or batch Bundle (JSON or XML) to the base: all or nothing per
 * bundle, and importing the same bundle again changes nothing.
 */
@Tag(name = "FHIR R4", description = "HL7 FHIR R4 interface for the EHR and other systems: transaction bundles in, resources and searches out. Errors are OperationOutcome.")
@RestController
@RequestMapping("/fhir/r4")
class FhirTransactionController implements FhirEndpoint {

    private final FhirResponses responses;
    private final FhirImports imports;

    FhirTransactionController(FhirResponses responses, FhirImports imports) {
        this.responses = responses;
        this.imports = imports;
    }

    @Operation(summary = "Import a FHIR transaction or batch bundle from the EHR (all-or-nothing per bundle)")
    @PostMapping(value = "", consumes = {"application/fhir+json", "application/json", "application/fhir+xml",
            "application/xml", "text/xml"})
    @PreAuthorize("hasAuthority('interface:manage')")
    ResponseEntity<String> transaction(@RequestBody byte[] body, HttpServletRequest request) {
        FhirImports.Outcome outcome = imports.importUnit("request", body);
        if (!outcome.accepted()) {
            BundleRejected r = outcome.rejection();
            int status = r.type() == IssueType.CONFLICT ? 409 : r.type() == IssueType.BUSINESSRULE ? 422 : 400;
            return responses.respond(status, r.outcome(), request);
        }
        ImportReport report = outcome.report();
        Bundle response = new Bundle().setType("batch".equals(report.bundleType())
                ? Bundle.BundleType.BATCHRESPONSE : Bundle.BundleType.TRANSACTIONRESPONSE);
        for (ImportReport.EntryResult e : report.entries()) {
            var entry = response.addEntry().getResponse().setStatus(e.status());
            if (e.location() != null) {
                entry.setLocation(e.location());
            }
            if (e.note() != null) {
                OperationOutcome note = new OperationOutcome();
                note.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                        .setCode(IssueType.INFORMATIONAL).setDiagnostics(e.note());
                entry.setOutcome(note);
            }
        }
        return responses.respond(200, response, request);
    }
}
