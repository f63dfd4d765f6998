package org.custodian.completion.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.custodian.completion.AnalysisRow;
import org.custodian.completion.CompletionPolicy;
import org.custodian.completion.Deficiency;
import org.custodian.completion.DeficiencyRule;
import org.custodian.completion.DeficiencyState;
import org.custodian.completion.Delinquency;
import org.custodian.completion.DelinquencyFormula;
import org.custodian.completion.DirectorFigures;
import org.custodian.completion.EscalationLetter;
import org.custodian.completion.InboxItem;
import org.custodian.completion.NewManualDeficiency;
import org.custodian.completion.RecordCompletion;
import org.custodian.completion.RuleChange;
import org.custodian.completion.Suspension;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Record completion", description = "Deficiencies, the analyst's worklist, the physician's inbox, delinquency and escalation (42 CFR 482.24(c)).")
@RestController
@RequestMapping("/api/completion")
class CompletionApiController {

    private final RecordCompletion completion;

    CompletionApiController(RecordCompletion completion) {
        this.completion = completion;
    }

    @Operation(summary = "Deficiencies by state (open|closed), practitioner id and patient id")
    @GetMapping("/deficiencies")
    @PreAuthorize("hasAuthority('completion:analyze')")
    List<Deficiency> deficiencies(@RequestParam(required = false) String state, @RequestParam(required = false) Long practitioner,
                                  @RequestParam(required = false) Long patientId) {
        DeficiencyState s = null;
        if (state != null && !state.isBlank()) {
            try {
                s = DeficiencyState.valueOf(state.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("state: open or closed");
            }
        }
        return completion.deficiencies(s, practitioner, patientId);
    }

    @Operation(summary = "One deficiency")
    @GetMapping("/deficiencies/{id}")
    @PreAuthorize("hasAuthority('completion:analyze')")
    Deficiency deficiency(@PathVariable long id) {
        return completion.deficiency(id);
    }

    @Operation(summary = "Enter a manual deficiency (scanned form unsigned, wrong patient, illegible, verbal order, consent)")
    @PostMapping("/deficiencies")
    @PreAuthorize("hasAuthority('completion:analyze')")
    ResponseEntity<Deficiency> add(@Valid @RequestBody NewManualDeficiency deficiency) {
        Deficiency d = completion.addManual(deficiency);
        return ResponseEntity.created(URI.create("/api/completion/deficiencies/" + d.id())).body(d);
    }

    record Closure(String reason) {
    }

    @Operation(summary = "Close a manual deficiency")
    @PostMapping("/deficiencies/{id}/closure")
    @PreAuthorize("hasAuthority('completion:analyze')")
    Deficiency close(@PathVariable long id, @RequestBody(required = false) Closure closure) {
        return completion.close(id, closure == null ? null : closure.reason());
    }

    @Operation(summary = "Discharged charts awaiting analysis, oldest discharge first")
    @GetMapping("/worklist")
    @PreAuthorize("hasAuthority('completion:analyze')")
    List<AnalysisRow> worklist(@RequestParam(required = false) String service) {
        return completion.worklist(service);
    }

    @Operation(summary = "The signed-in practitioner's inbox: my charts to complete")
    @GetMapping("/inbox")
    @PreAuthorize("hasAuthority('completion:inbox')")
    List<InboxItem> inbox() {
        return completion.inbox();
    }

    @Operation(summary = "The delinquency rate with its formula named")
    @GetMapping("/delinquency")
    @PreAuthorize("hasAuthority('completion:analyze')")
    Delinquency delinquency(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                            @RequestParam(required = false) DelinquencyFormula formula) {
        return completion.delinquency(from, to, formula);
    }

    @Operation(summary = "The HIM director's figures")
    @GetMapping("/figures")
    @PreAuthorize("hasAuthority('completion:manage')")
    DirectorFigures figures(@RequestParam(required = false) DelinquencyFormula formula) {
        return completion.figures(formula);
    }

    @Operation(summary = "Deficiency rules in force, with citation and bylaw default")
    @GetMapping("/rules")
    @PreAuthorize("hasAuthority('completion:analyze')")
    List<DeficiencyRule> rules() {
        return completion.rules();
    }

    @Operation(summary = "Change a rule's bylaw default (a new version)")
    @PutMapping("/rules/{code}")
    @PreAuthorize("hasAuthority('completion:manage')")
    DeficiencyRule changeRule(@PathVariable String code, @Valid @RequestBody RuleChange change) {
        return completion.changeRule(code, change);
    }

    @Operation(summary = "The bylaws' numbers: delinquency days, escalation ladder, formula, alert level")
    @GetMapping("/policy")
    @PreAuthorize("hasAuthority('completion:analyze')")
    CompletionPolicy policy() {
        return completion.policy();
    }

    @Operation(summary = "Change the bylaws' numbers (a new version)")
    @PutMapping("/policy")
    @PreAuthorize("hasAuthority('completion:manage')")
    CompletionPolicy changePolicy(@Valid @RequestBody CompletionPolicy policy) {
        return completion.changePolicy(policy);
    }

    @Operation(summary = "Climb the escalation ladder today: issue the letters due")
    @PostMapping("/escalations")
    @PreAuthorize("hasAuthority('completion:manage')")
    List<EscalationLetter> escalate() {
        return completion.escalate();
    }

    @Operation(summary = "Escalation letters issued")
    @GetMapping("/letters")
    @PreAuthorize("hasAuthority('completion:manage')")
    List<EscalationLetter> letters() {
        return completion.letters();
    }

    @Operation(summary = "One escalation letter as PDF")
    @GetMapping(value = "/letters/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @PreAuthorize("hasAuthority('completion:manage')")
    ResponseEntity<byte[]> letter(@PathVariable long id) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "attachment; filename=\"letter-" + id + ".pdf\"").body(completion.letterPdf(id));
    }

    @Operation(summary = "The suspension list for the medical staff office")
    @GetMapping("/suspensions")
    @PreAuthorize("hasAuthority('completion:analyze')")
    List<Suspension> suspensions() {
        return completion.suspensions();
    }

    @Operation(summary = "Lift a suspension")
    @PostMapping("/suspensions/{id}/lift")
    @PreAuthorize("hasAuthority('completion:manage')")
    Suspension lift(@PathVariable long id, @RequestBody(required = false) Closure reason) {
        return completion.lift(id, reason == null ? null : reason.reason());
    }

    @Operation(summary = "Re-analyse every encounter (after a rule change)")
    @PostMapping("/reanalysis")
    @PreAuthorize("hasAuthority('completion:manage')")
    Map<String, Object> reanalyse() {
        long start = System.nanoTime();
        int n = completion.reanalyseAll();
        return Map.of("encounters", n, "millis", (System.nanoTime() - start) / 1_000_000);
    }
}
