package org.custodian.disclosure.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.custodian.disclosure.AccountingEntry;
import org.custodian.disclosure.AccountingOfDisclosures;
import org.custodian.disclosure.AccountingRequest;
import org.custodian.disclosure.AuthorizationProblem;
import org.custodian.disclosure.DisclosureRelease;
import org.custodian.disclosure.DisclosureRequest;
import org.custodian.disclosure.NewDisclosureRequest;
import org.custodian.disclosure.ReleaseOfInformation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Release of information and the accounting of disclosures over JSON; packets and reports as PDF. */
@Tag(name = "Release of information", description = "Requests for copies of records (45 CFR 164.524 and 164.508), authorizations, the packet, and the accounting of disclosures (164.528).")
@RestController
class DisclosureApiController {

    record WorklistItem(DisclosureRequest request, LocalDate deadline, boolean overdue) {
    }

    record RequestView(DisclosureRequest request, LocalDate deadline, boolean overdue, List<AuthorizationProblem> blocking) {
    }

    record Extension(String reason) {
    }

    record NewAccountingRequest(Long patientId, String requesterName, LocalDate receivedOn) {
    }

    private final ReleaseOfInformation roi;
    private final AccountingOfDisclosures accounting;
    private final Clock clock;
    private final org.custodian.disclosure.EhiExport ehi;

    DisclosureApiController(ReleaseOfInformation roi, AccountingOfDisclosures accounting, Clock clock,
                            org.custodian.disclosure.EhiExport ehi) {
        this.ehi = ehi;
        this.roi = roi;
        this.accounting = accounting;
        this.clock = clock;
    }

    @Operation(summary = "Log a release-of-information request with its authorization or legal process")
    @PostMapping("/api/disclosures")
    @PreAuthorize("hasAuthority('disclosure:manage')")
    @ResponseStatus(HttpStatus.CREATED)
    DisclosureRequest intake(@RequestBody NewDisclosureRequest request) {
        return roi.intake(request);
    }

    /** Open requests by deadline, overdue ones marked. */
    @Operation(summary = "The ROI worklist: open requests by deadline")
    @GetMapping("/api/disclosures")
    @PreAuthorize("hasAuthority('disclosure:read')")
    List<WorklistItem> worklist() {
        LocalDate today = LocalDate.now(clock);
        return roi.worklist().stream().map(r -> new WorklistItem(r, r.deadline(), r.overdue(today))).toList();
    }

    @Operation(summary = "Get one ROI request with its checks")
    @GetMapping("/api/disclosures/{id}")
    @PreAuthorize("hasAuthority('disclosure:read')")
    RequestView request(@PathVariable long id) {
        DisclosureRequest r = roi.request(id);
        List<AuthorizationProblem> blocking = r.status() == DisclosureRequest.Status.OPEN ? roi.check(id) : List.of();
        return new RequestView(r, r.deadline(), r.overdue(LocalDate.now(clock)), blocking);
    }

    @Operation(summary = "Extend an ROI deadline once by 30 days, with the written reason")
    @PostMapping("/api/disclosures/{id}/extension")
    @PreAuthorize("hasAuthority('disclosure:manage')")
    DisclosureRequest extend(@PathVariable long id, @RequestBody Extension extension) {
        return roi.extend(id, extension == null ? null : extension.reason());
    }

    /** 200 with what was released and withheld, or 422 naming each failing authorization element. */
    @Operation(summary = "Release the records: build the packet, withhold what the law protects, invoice")
    @PostMapping("/api/disclosures/{id}/release")
    @PreAuthorize("hasAuthority('disclosure:manage')")
    DisclosureRelease release(@PathVariable long id) {
        return roi.release(id);
    }

    @Operation(summary = "Download the released packet (PDF)")
    @GetMapping("/api/disclosures/{id}/packet")
    @PreAuthorize("hasAuthority('disclosure:manage')")
    ResponseEntity<byte[]> packet(@PathVariable long id) {
        DisclosureRequest r = roi.request(id);
        return pdf(roi.packet(id), r.requestNumber() + ".pdf");
    }

    @Operation(summary = "One patient's electronic health information as a zip: FHIR R4 NDJSON per resource type, "
            + "document texts, README of the format (45 CFR 170.315(b)(10)(i), 164.524(c)(2))")
    @GetMapping("/api/patients/{patientId}/ehi-export")
    @PreAuthorize("hasAuthority('disclosure:manage')")
    ResponseEntity<byte[]> ehiExport(@PathVariable long patientId) {
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.parseMediaType("application/zip"))
                .header("Content-Disposition", "attachment; filename=\"ehi-export-patient-" + patientId + ".zip\"")
                .body(ehi.export(patientId));
    }

    @Operation(summary = "A patient's accounting of disclosures for the past six years")
    @GetMapping("/api/accounting/patients/{patientId}")
    @PreAuthorize("hasAuthority('disclosure:read')")
    List<AccountingEntry> accounting(@PathVariable long patientId) {
        return accounting.accounting(patientId);
    }

    @Operation(summary = "Download a patient's accounting of disclosures (PDF)")
    @GetMapping("/api/accounting/patients/{patientId}/report")
    @PreAuthorize("hasAuthority('disclosure:read')")
    ResponseEntity<byte[]> report(@PathVariable long patientId) {
        return pdf(accounting.report(patientId), "accounting-of-disclosures-" + patientId + ".pdf");
    }

    @Operation(summary = "Log a patient's request for an accounting of disclosures (60-day clock)")
    @PostMapping("/api/accounting/requests")
    @PreAuthorize("hasAuthority('disclosure:manage')")
    @ResponseStatus(HttpStatus.CREATED)
    AccountingRequest receive(@RequestBody NewAccountingRequest request) {
        if (request == null || request.patientId() == null) {
            throw new IllegalArgumentException("patientId: required");
        }
        return accounting.receive(request.patientId(), request.requesterName(), request.receivedOn());
    }

    @Operation(summary = "List open requests for an accounting of disclosures")
    @GetMapping("/api/accounting/requests")
    @PreAuthorize("hasAuthority('disclosure:read')")
    List<AccountingRequest> openRequests() {
        return accounting.openRequests();
    }

    @Operation(summary = "Mark an accounting request fulfilled")
    @PostMapping("/api/accounting/requests/{id}/fulfilment")
    @PreAuthorize("hasAuthority('disclosure:manage')")
    AccountingRequest fulfil(@PathVariable long id) {
        return accounting.fulfil(id);
    }

    static ResponseEntity<byte[]> pdf(byte[] pdf, String filename) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + filename + "\"")
                .body(pdf);
    }
}
