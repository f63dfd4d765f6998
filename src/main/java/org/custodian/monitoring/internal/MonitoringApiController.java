package org.custodian.monitoring.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.custodian.Problem;
import org.custodian.monitoring.PrivacyMonitoring;
import org.custodian.privacy.BreakTheGlass;
import org.custodian.privacy.ConfidentialityFlags;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Break-the-glass (45 CFR 164.312(a)(2)(ii)), confidentiality flags, snooping alerts and their cases, and
 * the patient access report (45 CFR 164.308(a)(1)(ii)(D)).
 */
@RestController
@Tag(name = "Privacy monitoring", description = "Confidentiality flags, break-the-glass, snooping alerts and the patient access report (45 CFR 164.308(a)(1)(ii)(D)).")
class MonitoringApiController {

    record BreakGlassRequest(String purposeOfUse, String reason) {
    }

    record FlagRequest(String kind, String reason) {
    }

    record ClearRequest(String reason) {
    }

    record ReviewRequest(BreakTheGlass.Outcome outcome, String note) {
    }

    record DecisionRequest(PrivacyMonitoring.Decision decision, String note) {
    }

    record RuleChange(int weight, boolean enabled) {
    }

    private final PrivacyMonitoring monitoring;
    private final String organization;
    private final BreakTheGlass breakTheGlass;
    private final ConfidentialityFlags flags;
    private final ZoneId zone;

    MonitoringApiController(PrivacyMonitoring monitoring, BreakTheGlass breakTheGlass, ConfidentialityFlags flags,
                            java.time.Clock clock,
                            org.custodian.CustodianSettings custodian) {
        this.monitoring = monitoring;
        this.organization = custodian.organization();
        this.breakTheGlass = breakTheGlass;
        this.flags = flags;
        this.zone = clock.getZone();
    }

    @Operation(summary = "Break the glass: time-limited access to a confidential chart, with a purpose of use and a reason (45 CFR 164.312(a)(2)(ii))")
    @PostMapping("/api/patients/{id}/break-glass")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<BreakTheGlass.Grant> breakGlass(@PathVariable long id, @RequestBody BreakGlassRequest body) {
        return ResponseEntity.status(201).body(breakTheGlass.breakGlass(id, body.purposeOfUse(), body.reason()));
    }

    @Operation(summary = "A patient's confidentiality flags, active and cleared")
    @GetMapping("/api/patients/{id}/confidentiality-flags")
    @PreAuthorize("hasAuthority('privacy:manage')")
    List<ConfidentialityFlags.Flag> flags(@PathVariable long id) {
        return flags.of(id);
    }

    @Operation(summary = "Set a confidentiality flag (VIP, employee, restricted, ...) with a reason")
    @PostMapping("/api/patients/{id}/confidentiality-flags")
    @PreAuthorize("hasAuthority('privacy:manage')")
    ResponseEntity<ConfidentialityFlags.Flag> flag(@PathVariable long id, @RequestBody FlagRequest body) {
        return ResponseEntity.status(201).body(flags.set(id, body.kind(), body.reason()));
    }

    @Operation(summary = "Clear a confidentiality flag with a reason")
    @PostMapping("/api/privacy/flags/{flagId}/clear")
    @PreAuthorize("hasAuthority('privacy:manage')")
    ConfidentialityFlags.Flag clear(@PathVariable long flagId, @RequestBody ClearRequest body) {
        return flags.clear(flagId, body.reason());
    }

    @Operation(summary = "The break-the-glass review queue, oldest deadline first")
    @GetMapping("/api/privacy/break-glass")
    @PreAuthorize("hasAuthority('privacy:manage')")
    List<BreakTheGlass.Grant> reviewQueue() {
        return breakTheGlass.reviewQueue();
    }

    @Operation(summary = "Record the review of an emergency access")
    @PostMapping("/api/privacy/break-glass/{grantId}/review")
    @PreAuthorize("hasAuthority('privacy:manage')")
    BreakTheGlass.Grant review(@PathVariable long grantId, @RequestBody ReviewRequest body) {
        return breakTheGlass.review(grantId, body.outcome(), body.note());
    }

    @Operation(summary = "Snooping alerts in a period, with the rules that fired and the accesses behind them")
    @GetMapping("/api/privacy/alerts")
    @PreAuthorize("hasAuthority('privacy:monitor')")
    List<PrivacyMonitoring.Alert> alerts(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                         @RequestParam(defaultValue = "false") boolean open) {
        Instant t = instant("to", to, Instant.now().plusSeconds(60), true);
        Instant f = instant("from", from, t.minusSeconds(30L * 86400), false);
        return monitoring.alerts(f, t, open);
    }

    @Operation(summary = "One snooping alert")
    @GetMapping("/api/privacy/alerts/{id}")
    @PreAuthorize("hasAuthority('privacy:monitor')")
    PrivacyMonitoring.Alert alert(@PathVariable long id) {
        return monitoring.alert(id);
    }

    @Operation(summary = "Decide an alert's case: appropriate, inappropriate (education or sanction) or false positive")
    @PostMapping("/api/privacy/alerts/{id}/decision")
    @PreAuthorize("hasAuthority('privacy:monitor')")
    PrivacyMonitoring.Alert decide(@PathVariable long id, @RequestBody DecisionRequest body) {
        return monitoring.decide(id, body.decision(), body.note());
    }

    @Operation(summary = "Scan the audit log for new accesses now")
    @PostMapping("/api/privacy/scan")
    @PreAuthorize("hasAuthority('privacy:monitor')")
    Map<String, Integer> scan() {
        return Map.of("accesses", monitoring.scanNow());
    }

    @Operation(summary = "The scoring rules with weight, explanation and measured precision")
    @GetMapping("/api/privacy/rules")
    @PreAuthorize("hasAuthority('privacy:monitor')")
    List<PrivacyMonitoring.RulePrecision> rules() {
        return monitoring.rules();
    }

    @Operation(summary = "Change a scoring rule's weight or switch it on or off")
    @PutMapping("/api/privacy/rules/{code}")
    @PreAuthorize("hasAuthority('privacy:monitor')")
    PrivacyMonitoring.RulePrecision rule(@PathVariable String code, @RequestBody RuleChange body) {
        return monitoring.setRule(code, body.weight(), body.enabled());
    }

    @Operation(summary = "The patient access report: every user who opened the record in a period")
    @GetMapping("/api/privacy/access-report")
    @PreAuthorize("hasAuthority('privacy:monitor')")
    PrivacyMonitoring.AccessReport accessReport(@RequestParam long patientId, @RequestParam(required = false) String from,
                                                @RequestParam(required = false) String to) {
        Instant t = instant("to", to, Instant.now().plusSeconds(1), true);
        return monitoring.accessReport(patientId, instant("from", from, t.minusSeconds(365L * 86400), false), t);
    }

    @Operation(summary = "The patient access report as a letter (PDF)")
    @GetMapping("/api/privacy/access-report.pdf")
    @PreAuthorize("hasAuthority('privacy:monitor')")
    ResponseEntity<byte[]> accessReportPdf(@RequestParam long patientId, @RequestParam(required = false) String from,
                                           @RequestParam(required = false) String to) {
        PrivacyMonitoring.AccessReport report = accessReport(patientId, from, to);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"access-report-" + patientId + ".pdf\"")
                .body(AccessReportPdf.render(report, organization));
    }

    /** An instant, or a date (the start of that local day; for {@code to}, the end of it), or the default. */
    Instant instant(String name, String value, Instant otherwise, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            if (value.length() == 10) {
                LocalDate d = LocalDate.parse(value);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Problem.invalid("invalid-date", name + ": a date (2026-03-01) or an instant (2026-03-01T12:00:00Z)");
        }
    }
}
