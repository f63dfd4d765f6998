package org.custodian.chart.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.custodian.chart.AmendmentRequest;
import org.custodian.chart.AmendmentStatement;
import org.custodian.chart.Amendments;
import org.custodian.chart.DenialReason;
import org.custodian.chart.NewAmendmentRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Requests to amend (45 CFR 164.526): receive, extend, accept, deny, disagreement and rebuttal. */
@Tag(name = "Amendments", description = "A patient's right to amend (45 CFR 164.526): requests, the 60-day clock, acceptance, denial, statements of disagreement and rebuttals.")
@RestController
class AmendmentApiController {

    record WorklistItem(AmendmentRequest request, LocalDate deadline, boolean overdue) {
    }

    record Extension(String reason) {
    }

    record Acceptance(String amendmentText) {
    }

    record Denial(DenialReason reason, String explanation) {
    }

    record Disagreement(String statement) {
    }

    record Rebuttal(String rebuttal) {
    }

    private final Amendments amendments;

    AmendmentApiController(Amendments amendments) {
        this.amendments = amendments;
    }

    @Operation(summary = "Record a patient's request to amend their record (starts the 60-day clock)")
    @PostMapping("/api/amendments")
    @PreAuthorize("hasAuthority('amendment:manage')")
    @ResponseStatus(HttpStatus.CREATED)
    AmendmentRequest receive(@RequestBody NewAmendmentRequest request) {
        return amendments.receive(request);
    }

    /** The pending requests by deadline, overdue ones marked; or all requests on one document. */
    @Operation(summary = "List amendment requests with their due dates")
    @GetMapping("/api/amendments")
    @PreAuthorize("hasAuthority('amendment:manage')")
    List<WorklistItem> list(@RequestParam(required = false) Long documentId) {
        LocalDate today = amendments.today();
        List<AmendmentRequest> list = documentId == null ? amendments.pending() : amendments.forDocument(documentId);
        return list.stream().map(a -> new WorklistItem(a, a.deadline(), a.overdueOn(today))).toList();
    }

    @Operation(summary = "Get one amendment request")
    @GetMapping("/api/amendments/{id}")
    @PreAuthorize("hasAuthority('amendment:manage')")
    AmendmentRequest find(@PathVariable long id) {
        return amendments.find(id);
    }

    /** What a disclosure of the document must carry with it (164.526(c)(1), (d)(5)). */
    @Operation(summary = "List statements of disagreement and rebuttals that travel with the record")
    @GetMapping("/api/amendments/statements")
    @PreAuthorize("hasAuthority('amendment:manage')")
    List<AmendmentStatement> statements(@RequestParam long documentId) {
        return amendments.statementsFor(documentId);
    }

    @Operation(summary = "Extend the amendment deadline once by 30 days, with the written reason")
    @PostMapping("/api/amendments/{id}/extension")
    @PreAuthorize("hasAuthority('amendment:manage')")
    AmendmentRequest extend(@PathVariable long id, @RequestBody Extension body) {
        return amendments.extend(id, body.reason());
    }

    @Operation(summary = "Accept an amendment and amend the record (the original is kept)")
    @PostMapping("/api/amendments/{id}/acceptance")
    @PreAuthorize("hasAuthority('amendment:manage')")
    AmendmentRequest accept(@PathVariable long id, @RequestBody Acceptance body) {
        return amendments.accept(id, body.amendmentText());
    }

    @Operation(summary = "Deny an amendment on a ground of 164.526(a)(2)")
    @PostMapping("/api/amendments/{id}/denial")
    @PreAuthorize("hasAuthority('amendment:manage')")
    AmendmentRequest deny(@PathVariable long id, @RequestBody Denial body) {
        return amendments.deny(id, body.reason(), body.explanation());
    }

    @Operation(summary = "File the patient's statement of disagreement with a denial")
    @PostMapping("/api/amendments/{id}/disagreement")
    @PreAuthorize("hasAuthority('amendment:manage')")
    AmendmentRequest disagreement(@PathVariable long id, @RequestBody Disagreement body) {
        return amendments.recordDisagreement(id, body.statement());
    }

    @Operation(summary = "File the facility's rebuttal to a statement of disagreement")
    @PostMapping("/api/amendments/{id}/rebuttal")
    @PreAuthorize("hasAuthority('amendment:manage')")
    AmendmentRequest rebuttal(@PathVariable long id, @RequestBody Rebuttal body) {
        return amendments.recordRebuttal(id, body.rebuttal());
    }
}
