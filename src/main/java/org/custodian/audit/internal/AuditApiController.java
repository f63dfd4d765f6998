package org.custodian.audit.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditCheckpoint;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditQuery;
import org.custodian.audit.AuditRecord;
import org.custodian.audit.AuditTrail;
import org.custodian.audit.ChainVerification;
import org.custodian.audit.CheckpointVerification;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Audit log", description = "The tamper-evident log of every touch of patient data: search it, verify the hash chain, export and check signed checkpoints.")
@RestController
@RequestMapping("/api/audit")
class AuditApiController {

    record EventPage(List<AuditRecord> items, int page, int size, long total) {
    }

    private final AuditLog log;
    private final AuditTrail audit;

    AuditApiController(AuditLog log, AuditTrail audit) {
        this.log = log;
        this.audit = audit;
    }

    @Operation(summary = "Search audit events by patient, user and time (reading the log is itself audited)")
    @GetMapping("/events")
    @PreAuthorize("hasAuthority('audit:read')")
    EventPage events(@RequestParam(required = false) @Min(1) Long patientId,
                     @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}") String user,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                     @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                     @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        AuditQuery query = new AuditQuery(patientId, user, from, to, page, size);
        EventPage result = new EventPage(log.find(query), page, size, log.count(query));
        // Reading the log is itself a disclosure of who looked at whom.
        audit.record(AuditAction.READ, AuditOutcome.SUCCESS, patientId, "AuditLog", null,
                "patientId=" + patientId + " user=" + user + " from=" + from + " to=" + to);
        return result;
    }

    @Operation(summary = "Verify the audit log's hash chain from the first event to the last")
    @GetMapping("/verify")
    @PreAuthorize("hasAuthority('audit:verify')")
    Map<String, Object> verify() {
        ChainVerification v = log.verify();
        audit.record(AuditAction.VERIFY, v.valid() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, null, "AuditLog", null,
                v.valid() ? v.events() + " events intact" : "broken at " + v.firstBrokenSeq());
        // firstBrokenSeq must appear even when null, so a plain map rather than a record.
        java.util.LinkedHashMap<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("valid", v.valid());
        body.put("events", v.events());
        body.put("firstBrokenSeq", v.firstBrokenSeq());
        body.put("problem", v.problem());
        body.put("millis", v.millis());
        return body;
    }

    @Operation(summary = "Export a signed checkpoint of the audit chain's head")
    @GetMapping("/checkpoint")
    @PreAuthorize("hasAuthority('audit:verify')")
    AuditCheckpoint checkpoint() {
        AuditCheckpoint checkpoint = log.checkpoint();
        audit.record(AuditAction.EXPORT, AuditOutcome.SUCCESS, null, "AuditCheckpoint", checkpoint.seq(), null);
        return checkpoint;
    }

    @Operation(summary = "Check a signed checkpoint against the audit log (catches a rewritten log)")
    @PostMapping("/checkpoint/verify")
    @PreAuthorize("hasAuthority('audit:verify')")
    CheckpointVerification verifyCheckpoint(@RequestBody AuditCheckpoint checkpoint) {
        CheckpointVerification v = log.verify(checkpoint);
        audit.record(AuditAction.VERIFY, v.valid() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, null,
                "AuditCheckpoint", checkpoint.seq(), v.problem());
        return v;
    }
}
