package org.custodian.coding.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.custodian.Actor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The coder worklist ({@code coding:write}: it lists patients' stays) and coding quality — DNFB,
 * productivity, the dual-coding audit ({@code coding:audit}, the HIM director's).
 */
@Tag(name = "Coding: worklist and quality", description = "The coding worklist, DNFB (discharged, not final billed), coder productivity and the dual-coding accuracy audit.")
@RestController
@Validated
@RequestMapping("/api/coding")
class WorklistController {

    private final JdbcWorklist worklist;
    private final JdbcCodingAudit codingAudit;
    private final JdbcAbstracts abstracts;
    private final Clock clock;
    private final org.custodian.coding.CaseMix caseMix;

    WorklistController(JdbcWorklist worklist, JdbcCodingAudit codingAudit, JdbcAbstracts abstracts, Clock clock,
                       org.custodian.coding.CaseMix caseMix) {
        this.caseMix = caseMix;
        this.worklist = worklist;
        this.codingAudit = codingAudit;
        this.abstracts = abstracts;
        this.clock = clock;
    }

    @Operation(summary = "List discharged encounters waiting for final coding (the coding worklist)")
    @GetMapping("/worklist")
    @PreAuthorize("hasAuthority('coding:write')")
    List<WorklistItem> worklist(
            @RequestParam(defaultValue = "discharge") @Pattern(regexp = "discharge|reimbursement", message = "must be discharge or reimbursement") String sort,
            @RequestParam(required = false) @Pattern(regexp = "INPATIENT|OUTPATIENT|EMERGENCY", message = "must be INPATIENT, OUTPATIENT or EMERGENCY") String encounterClass,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dischargedFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dischargedTo,
            @RequestParam(defaultValue = "50") @Min(value = 1, message = "must be at least 1") @Max(value = 500, message = "must be at most 500") int limit) {
        return worklist.worklist(sort, encounterClass, dischargedFrom, dischargedTo, limit);
    }

    @Operation(summary = "Case mix index of final-coded inpatient stays by month, service line or attending (default: the last 12 months by month)")
    @GetMapping("/case-mix")
    @PreAuthorize("hasAuthority('coding:audit')")
    org.custodian.coding.CaseMix.Report caseMix(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dischargedFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dischargedTo,
            @RequestParam(defaultValue = "MONTH") org.custodian.coding.CaseMix.By by) {
        LocalDate to = dischargedTo == null ? LocalDate.now(clock) : dischargedTo;
        LocalDate from = dischargedFrom == null ? to.minusMonths(12).withDayOfMonth(1) : dischargedFrom;
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("dischargedFrom: must be on or before dischargedTo");
        }
        return caseMix.caseMixIndex(from, to, by);
    }

    @Operation(summary = "An inpatient encounter's MS-DRG and expected payment now: final, working, or from the documented conditions (audited)")
    @GetMapping("/encounters/{id}/drg")
    @PreAuthorize("hasAuthority('chart:read')")
    org.custodian.coding.CaseMix.EncounterDrg encounterDrg(@org.springframework.web.bind.annotation.PathVariable long id) {
        return caseMix.encounterDrg(id);
    }

    @Operation(summary = "Discharged, not final billed: count, days, aging and expected payment in dollars")
    @GetMapping("/dnfb")
    @PreAuthorize("hasAuthority('coding:audit')")
    JdbcWorklist.Dnfb dnfb(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dischargedFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dischargedTo) {
        return worklist.dnfb(dischargedFrom, dischargedTo);
    }

    /** Charts per hour by coder and encounter class; by default the last 30 days. */
    @Operation(summary = "Coder productivity: charts per hour by coder and encounter class")
    @GetMapping("/productivity")
    @PreAuthorize("hasAuthority('coding:audit')")
    List<JdbcWorklist.Productivity> productivity(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate today = LocalDate.now(clock);
        LocalDate end = to == null ? today : to;
        LocalDate start = from == null ? end.minusDays(30) : from;
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("from: after to");
        }
        return worklist.productivity(start, end);
    }

    record SampleRequest(@Min(value = 0, message = "must be at least 0") @Max(value = 200, message = "must be at most 200") int size,
                         @jakarta.validation.constraints.Size(max = 200, message = "at most 200") List<Long> encounterIds) {
    }

    /**
     * Draws a random sample of {@code size} final billing abstracts for blind re-coding, plus any
     * named {@code encounterIds} (a focused audit) whose billing abstract is final.
     */
    @Operation(summary = "Draw a sample of final abstracts for the blind dual-coding audit")
    @PostMapping("/audits/sample")
    @PreAuthorize("hasAuthority('coding:audit')")
    Map<String, Object> drawSample(@Valid @RequestBody SampleRequest request) {
        return Map.of("drawn", codingAudit.drawSample(request.size(),
                request.encounterIds() == null ? List.of() : request.encounterIds()));
    }

    @Operation(summary = "List the encounters in the dual-coding audit sample")
    @GetMapping("/audits")
    @PreAuthorize("hasAuthority('coding:audit')")
    List<Map<String, Object>> sample() {
        return codingAudit.sample();
    }

    /** The auditor's own (blind) abstract of a sampled encounter: never the coder's codes. */
    @Operation(summary = "Open the auditor's blind abstract of a sampled encounter")
    @GetMapping("/audits/{id}/abstract")
    @PreAuthorize("hasAuthority('coding:audit')")
    CodedAbstract auditAbstract(@PathVariable long id) {
        requireAuditable(id);
        return abstracts.open(id, JdbcAbstracts.AUDIT);
    }

    @Operation(summary = "Save the auditor's blind abstract and run the edits")
    @PutMapping("/audits/{id}/abstract")
    @PreAuthorize("hasAuthority('coding:audit')")
    CodedAbstract saveAuditAbstract(@PathVariable long id, @Valid @RequestBody AbstractInput input) {
        requireAuditable(id);
        return abstracts.save(id, JdbcAbstracts.AUDIT, input);
    }

    @Operation(summary = "Finalize the auditor's blind abstract")
    @PostMapping("/audits/{id}/abstract/finalize")
    @PreAuthorize("hasAuthority('coding:audit')")
    CodedAbstract finalizeAuditAbstract(@PathVariable long id) {
        requireAuditable(id);
        return abstracts.finalizeAbstract(id, JdbcAbstracts.AUDIT);
    }

    /** Code-level agreement per coder (principal dx, all dx, procedures) against the 95% benchmark. */
    @Operation(summary = "Coding accuracy: agreement between coders and auditors")
    @GetMapping("/audits/agreement")
    @PreAuthorize("hasAuthority('coding:audit')")
    Map<String, Object> agreement() {
        return Map.of("benchmark", JdbcCodingAudit.BENCHMARK, "coders", codingAudit.agreement());
    }

    private void requireAuditable(long encounterId) {
        if (!codingAudit.sampled(encounterId)) {
            throw CodingProblems.notFound("Encounter " + encounterId + " is not in the dual-coding sample.");
        }
        if (Actor.current().equals(codingAudit.billingCoder(encounterId))) {
            throw CodingProblems.conflict("Own coding", "An auditor does not audit an encounter they coded.");
        }
    }
}
