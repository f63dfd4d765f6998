package org.custodian.retention.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Retention schedules, the destruction worklist, destructions with two approvals, and legal holds. */
@Tag(name = "Retention and legal holds", description = "Retention schedules by state and record type, the destruction worklist with two approvals and a certificate, and legal holds.")
@RestController
class RetentionApiController {

    record Release(String reason) {
    }

    private final Schedules schedules;
    private final DestructionWorklist worklist;
    private final Destructions destructions;
    private final LegalHolds holds;

    RetentionApiController(Schedules schedules, DestructionWorklist worklist, Destructions destructions, LegalHolds holds) {
        this.schedules = schedules;
        this.worklist = worklist;
        this.destructions = destructions;
        this.holds = holds;
    }

    @Operation(summary = "List the retention schedules in force, with their citations")
    @GetMapping("/api/retention/schedules")
    @PreAuthorize("hasAuthority('retention:manage')")
    List<RetentionSchedule> schedules() {
        return schedules.all();
    }

    /** Adds or replaces the schedule of one record type in one jurisdiction. */
    @Operation(summary = "Set a retention schedule (a hospital's policy may exceed the law)")
    @PutMapping("/api/retention/schedules")
    @PreAuthorize("hasAuthority('retention:manage')")
    RetentionSchedule saveSchedule(@RequestBody Schedules.Change change) {
        return schedules.save(change);
    }

    /** Records past retention on {@code asOf} (default today), in the jurisdiction (default the configured one). */
    @Operation(summary = "Records past their retention period and free of legal holds")
    @GetMapping("/api/retention/worklist")
    @PreAuthorize("hasAuthority('retention:manage')")
    List<DestructionWorklist.Item> worklist(@RequestParam(required = false) String jurisdiction,
                                            @RequestParam(required = false) LocalDate asOf,
                                            @RequestParam(required = false) Long patientId) {
        return worklist.pastRetention(jurisdiction, asOf, patientId);
    }

    @Operation(summary = "Propose the destruction of records past retention")
    @PostMapping("/api/retention/destructions")
    @PreAuthorize("hasAuthority('retention:manage')")
    @ResponseStatus(HttpStatus.CREATED)
    Destruction propose(@RequestBody Destructions.Proposal proposal) {
        return destructions.propose(proposal);
    }

    @Operation(summary = "List proposed and completed destructions")
    @GetMapping("/api/retention/destructions")
    @PreAuthorize("hasAuthority('retention:approve')")
    List<Destruction> destructions() {
        return destructions.recent();
    }

    @Operation(summary = "Get one destruction")
    @GetMapping("/api/retention/destructions/{id}")
    @PreAuthorize("hasAuthority('retention:approve')")
    Destruction destruction(@PathVariable long id) {
        return destructions.find(id);
    }

    @Operation(summary = "Approve a destruction (two approvals destroy the records)")
    @PostMapping("/api/retention/destructions/{id}/approvals")
    @PreAuthorize("hasAuthority('retention:approve')")
    Destruction approve(@PathVariable long id) {
        return destructions.approve(id);
    }

    @Operation(summary = "Download the certificate of destruction (PDF)")
    @GetMapping("/api/retention/destructions/{id}/certificate")
    @PreAuthorize("hasAuthority('retention:approve')")
    ResponseEntity<byte[]> certificate(@PathVariable long id) {
        byte[] pdf = destructions.certificate(id);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"certificate-of-destruction-" + id + ".pdf\"")
                .body(pdf);
    }

    @Operation(summary = "List legal holds")
    @GetMapping("/api/retention/holds")
    @PreAuthorize("hasAuthority('legal-hold:manage')")
    List<LegalHold> holds(@RequestParam(required = false) Long patientId) {
        return holds.list(patientId);
    }

    @Operation(summary = "Place a legal hold on a patient's record or one encounter")
    @PostMapping("/api/retention/holds")
    @PreAuthorize("hasAuthority('legal-hold:manage')")
    @ResponseStatus(HttpStatus.CREATED)
    LegalHold place(@RequestBody LegalHolds.Placement placement) {
        return holds.place(placement);
    }

    @Operation(summary = "Release a legal hold, with the reason")
    @PostMapping("/api/retention/holds/{id}/release")
    @PreAuthorize("hasAuthority('legal-hold:manage')")
    LegalHold release(@PathVariable long id, @RequestBody Release body) {
        return holds.release(id, body.reason());
    }
}
