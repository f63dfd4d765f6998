package org.custodian.coding.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.custodian.FormInput;
import org.custodian.Problem;
import org.custodian.coding.CodeHit;
import org.custodian.coding.CodeSets;
import org.custodian.coding.CodeSystem;
import org.custodian.coding.CodingEdit;
import org.custodian.coding.Encoder;
import org.custodian.coding.FiscalYear;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.custodian.RecordLabels;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The coder's pages: the worklist, the abstract form (edits shown, finalize) and the type-ahead's
 * code search. The type-ahead calls {@code /coding/code-search}, the same encoder as
 * {@code GET /api/codes/search}: the /api chain is stateless HTTP Basic, so a page signed in by
 * session cookie cannot call it.
 */
@Controller
class CodingPageController {

    /** Rows the form offers; UB-04 carries up to 24 secondaries, the page shows the common case and grows on save. */
    static final int SECONDARY_ROWS = 10;
    static final int PROCEDURE_ROWS = 5;

    private final JdbcWorklist worklist;
    private final JdbcAbstracts abstracts;
    private final Encoder encoder;
    private final CodeSets codeSets;
    private final Clock clock;

    private final RecordLabels labels;

    CodingPageController(JdbcWorklist worklist, JdbcAbstracts abstracts, Encoder encoder, CodeSets codeSets, Clock clock,
                         RecordLabels labels) {
        this.labels = labels;
        this.worklist = worklist;
        this.abstracts = abstracts;
        this.encoder = encoder;
        this.codeSets = codeSets;
        this.clock = clock;
    }

    @GetMapping("/coding")
    @PreAuthorize("hasAuthority('coding:write')")
    String worklist(@RequestParam(required = false) String sort, @RequestParam(required = false) String from,
                    @RequestParam(required = false) String to, Model model) {
        String s = "reimbursement".equals(sort) ? "reimbursement" : "discharge";
        java.time.LocalDate fromDate = parseDate(from);
        java.time.LocalDate toDate = parseDate(to);
        List<String> bad = new java.util.ArrayList<>();
        if (org.custodian.FormInput.trimmed(from) != null && fromDate == null) {
            bad.add("Discharged from: \"" + org.custodian.FormInput.trimmed(from) + "\" is not a date; type MM/DD/YYYY");
        }
        if (org.custodian.FormInput.trimmed(to) != null && toDate == null) {
            bad.add("to: \"" + org.custodian.FormInput.trimmed(to) + "\" is not a date; type MM/DD/YYYY");
        }
        if (!bad.isEmpty()) {
            model.addAttribute("problem", "Not filtered: " + String.join("; ", bad) + ".");
        }
        List<WorklistItem> items = worklist.worklist(s, null, fromDate, toDate, 100);
        model.addAttribute("items", items);
        model.addAttribute("visits", labels.encounters(items.stream().map(WorklistItem::encounterId).toList(), "the coding worklist"));
        model.addAttribute("sort", s);
        model.addAttribute("from", fromDate == null ? "" : fromDate.toString());
        model.addAttribute("to", toDate == null ? "" : toDate.toString());
        return "coding/worklist";
    }

    /** A discharge date filter of the worklist page; null when blank or unreadable (the page then says which). */
    private static java.time.LocalDate parseDate(String value) {
        try {
            return org.custodian.FormInput.date(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @GetMapping("/coding/encounters/{id}")
    @PreAuthorize("hasAuthority('coding:write')")
    String abstractPage(@PathVariable long id, Model model) {
        CodedAbstract abs = abstracts.open(id, JdbcAbstracts.BILLING);
        model.addAttribute("abs", abs);
        model.addAttribute("patient", labels.patients(List.of(abs.patientId()), "the abstract page").get(abs.patientId()));
        model.addAttribute("secondaryRows", SECONDARY_ROWS);
        model.addAttribute("procedureRows", PROCEDURE_ROWS);
        return "coding/abstract";
    }

    @PostMapping("/coding/encounters/{id}")
    @PreAuthorize("hasAuthority('coding:write')")
    String save(@PathVariable long id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
        try {
            CodedAbstract saved = abstracts.save(id, JdbcAbstracts.BILLING, input(form));
            long errors = saved.edits().stream().filter(e -> e.severity() == CodingEdit.Severity.ERROR).count();
            redirect.addFlashAttribute("notice", errors == 0 ? "Saved. No edit blocks finalizing."
                    : "Saved. " + errors + " error edit" + (errors == 1 ? "" : "s") + " must be fixed before finalizing.");
        } catch (Problem e) {
            if (e.status() == HttpStatus.NOT_FOUND.value()) {
                throw e;
            }
            redirect.addFlashAttribute("problem", e.detail());
        }
        return "redirect:/coding/encounters/" + id;
    }

    @PostMapping("/coding/encounters/{id}/finalize")
    @PreAuthorize("hasAuthority('coding:write')")
    String finalizeAbstract(@PathVariable long id, RedirectAttributes redirect) {
        try {
            abstracts.finalizeAbstract(id, JdbcAbstracts.BILLING);
            redirect.addFlashAttribute("notice", "The abstract is final.");
        } catch (Problem e) {
            if (e.status() == HttpStatus.NOT_FOUND.value()) {
                throw e;
            }
            redirect.addFlashAttribute("problem", e.status() == 422
                    ? "Not finalized: fix the error edits listed below first." : e.detail());
        }
        return "redirect:/coding/encounters/" + id;
    }

    /** Reopens a final abstract for a correction or a rebill; the reason is required and audited. */
    @PostMapping("/coding/encounters/{id}/reopen")
    @PreAuthorize("hasAuthority('coding:write')")
    String reopen(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            abstracts.reopen(id, JdbcAbstracts.BILLING, reason);
            redirect.addFlashAttribute("notice", "The abstract is reopened and back on the worklist. Correct it, then finalize it again.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", "Not reopened: " + e.getMessage().replaceFirst("^reason: ", "") + ".");
        } catch (Problem e) {
            if (e.status() == HttpStatus.NOT_FOUND.value()) {
                throw e;
            }
            redirect.addFlashAttribute("problem", e.detail());
        }
        return "redirect:/coding/encounters/" + id;
    }

    /** The type-ahead's search: the encoder over the fiscal year's set (default: the newest loaded). */
    @GetMapping("/coding/code-search")
    @PreAuthorize("hasAuthority('coding:read')")
    ResponseEntity<String> codeSearch(@RequestParam String q, @RequestParam(defaultValue = "icd10cm") String system,
            @RequestParam(required = false) Integer fy) {
        CodeSystem cs = CodeSystem.byId(system).orElseThrow(() -> new IllegalArgumentException("system: must be icd10cm or icd10pcs"));
        String query = q.length() > 100 ? q.substring(0, 100) : q;
        List<CodeHit> hits = List.of();
        if (!query.isBlank()) {
            int wanted = fy == null ? FiscalYear.of(LocalDate.now(clock)) : fy;
            int year = codeSets.latestLoaded(cs, wanted).orElseThrow(() -> new IllegalArgumentException("fy: no set loaded"));
            hits = encoder.search(cs, year, query, 8);
        }
        // JSON written here with its type preset, whatever the Accept header (a page's fetch or a test's).
        StringBuilder json = new StringBuilder("[");
        for (CodeHit h : hits) {
            json.append(json.length() > 1 ? "," : "").append("{\"code\":").append(quote(h.code()))
                    .append(",\"description\":").append(quote(h.description()))
                    .append(",\"billable\":").append(h.billable())
                    .append(",\"chapter\":").append(quote(h.chapter())).append('}');
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.append(']').toString());
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** The form as the abstract: blank rows are skipped, so a row left empty is no code. */
    static AbstractInput input(MultiValueMap<String, String> form) {
        AbstractInput.Diagnosis principal = dx(form, "pdx", "pdxPoa");
        List<AbstractInput.Diagnosis> secondaries = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            AbstractInput.Diagnosis d = dx(form, "sdx" + i, "sdxPoa" + i);
            if (d != null) {
                secondaries.add(d);
            }
        }
        AbstractInput.Procedure principalPx = px(form, "ppx", "ppxDate");
        List<AbstractInput.Procedure> others = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            AbstractInput.Procedure p = px(form, "opx" + i, "opxDate" + i);
            if (p != null) {
                others.add(p);
            }
        }
        return new AbstractInput(principal, secondaries, principalPx, others, FormInput.trimmed(form.getFirst("disposition")),
                FormInput.trimmed(form.getFirst("admitSource")));
    }

    private static AbstractInput.Diagnosis dx(MultiValueMap<String, String> form, String code, String poa) {
        String c = FormInput.trimmed(form.getFirst(code));
        if (c == null) {
            return null;
        }
        return new AbstractInput.Diagnosis(clip(c, 8), clip(FormInput.trimmed(form.getFirst(poa)), 1));
    }

    private static AbstractInput.Procedure px(MultiValueMap<String, String> form, String code, String date) {
        String c = FormInput.trimmed(form.getFirst(code));
        if (c == null) {
            return null;
        }
        String d = FormInput.trimmed(form.getFirst(date));
        return new AbstractInput.Procedure(clip(c, 7), d == null ? null : FormInput.date(d));
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
