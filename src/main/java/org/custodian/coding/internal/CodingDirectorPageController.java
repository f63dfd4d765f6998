package org.custodian.coding.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.custodian.Actor;
import org.custodian.FormInput;
import org.custodian.Problem;
import org.custodian.coding.CodingEdit;
import org.custodian.reimbursement.DrgPricing;
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
 * The HIM director's coding pages, each with the permission of the API it mirrors: DNFB with its
 * aging, coder productivity, the dual-coding audit (draw a sample, code it blind, agreement per
 * coder against the 95% benchmark) — {@code coding:audit} — and the MS-DRG reference list
 * ({@code coding:read}). Figures come from the same queries as {@code /api/coding/*}.
 */
@Controller
class CodingDirectorPageController {

    /** How many of the oldest DNFB encounters the page lists. */
    static final int OLDEST = 25;

    private final JdbcWorklist worklist;
    private final JdbcCodingAudit codingAudit;
    private final JdbcAbstracts abstracts;
    private final JdbcReferenceLists lists;
    private final DrgPricing pricing;
    private final org.custodian.coding.CaseMix caseMix;
    private final Clock clock;

    private final RecordLabels labels;

    CodingDirectorPageController(JdbcWorklist worklist, JdbcCodingAudit codingAudit, JdbcAbstracts abstracts,
                                 JdbcReferenceLists lists, Clock clock, RecordLabels labels, DrgPricing pricing,
                                 org.custodian.coding.CaseMix caseMix) {
        this.caseMix = caseMix;
        this.pricing = pricing;
        this.labels = labels;
        this.worklist = worklist;
        this.codingAudit = codingAudit;
        this.abstracts = abstracts;
        this.lists = lists;
        this.clock = clock;
    }

    @GetMapping("/coding/dnfb")
    @PreAuthorize("hasAuthority('coding:audit')")
    String dnfb(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        LocalDate fromDate = date(from);
        LocalDate toDate = date(to);
        // A date that cannot be read is said so, and nothing is filtered by a guess.
        List<String> problems = new java.util.ArrayList<>();
        if (FormInput.trimmed(from) != null && fromDate == null) {
            problems.add("Discharged from: \"" + FormInput.trimmed(from) + "\" is not a date; use the date picker or type MM/DD/YYYY");
        }
        if (FormInput.trimmed(to) != null && toDate == null) {
            problems.add("Discharged to: \"" + FormInput.trimmed(to) + "\" is not a date; use the date picker or type MM/DD/YYYY");
        }
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            problems.add("Discharged from must be on or before discharged to");
        }
        if (!problems.isEmpty()) {
            model.addAttribute("problem", "Not filtered: " + String.join("; ", problems) + ".");
            fromDate = null;
            toDate = null;
        }
        model.addAttribute("dnfb", worklist.dnfb(fromDate, toDate));
        List<WorklistItem> oldest = worklist.worklist("discharge", null, fromDate, toDate, OLDEST);
        model.addAttribute("oldest", oldest);
        model.addAttribute("visits", labels.encounters(oldest.stream().map(WorklistItem::encounterId).toList(), "the DNFB list"));
        model.addAttribute("from", fromDate == null ? "" : fromDate.toString());
        model.addAttribute("to", toDate == null ? "" : toDate.toString());
        return "coding/dnfb";
    }

    /**
     * The case mix index of final-coded inpatient stays: by month with its trend, by service line and by
     * attending; default the last 12 months.
     */
    @GetMapping("/coding/case-mix")
    @PreAuthorize("hasAuthority('coding:audit')")
    String caseMix(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        LocalDate end = date(to) == null ? LocalDate.now(clock) : date(to);
        LocalDate start = date(from) == null ? end.minusMonths(12).withDayOfMonth(1) : date(from);
        String problem = null;
        if (start.isAfter(end)) {
            problem = "From is after to: showing the 12 months up to " + end + ".";
            start = end.minusMonths(12).withDayOfMonth(1);
        }
        model.addAttribute("byMonth", caseMix.caseMixIndex(start, end, org.custodian.coding.CaseMix.By.MONTH));
        model.addAttribute("byService", caseMix.caseMixIndex(start, end, org.custodian.coding.CaseMix.By.SERVICE_LINE));
        model.addAttribute("byAttending", caseMix.caseMixIndex(start, end, org.custodian.coding.CaseMix.By.ATTENDING));
        model.addAttribute("from", start.toString());
        model.addAttribute("to", end.toString());
        model.addAttribute("problem", problem);
        return "coding/case-mix";
    }

    /** Charts per hour by coder and encounter class over abstracts finalized in the range; default the last 30 days. */
    @GetMapping("/coding/productivity")
    @PreAuthorize("hasAuthority('coding:audit')")
    String productivity(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                        Model model) {
        LocalDate end = date(to) == null ? LocalDate.now(clock) : date(to);
        LocalDate start = date(from) == null ? end.minusDays(30) : date(from);
        String problem = null;
        if (start.isAfter(end)) {
            problem = "From is after to: showing the 30 days up to " + end + ".";
            start = end.minusDays(30);
        }
        model.addAttribute("rows", worklist.productivity(start, end));
        model.addAttribute("from", start.toString());
        model.addAttribute("to", end.toString());
        model.addAttribute("problem", problem);
        return "coding/productivity";
    }

    @GetMapping("/coding/audit")
    @PreAuthorize("hasAuthority('coding:audit')")
    String audit(Model model) {
        List<Map<String, Object>> sample = codingAudit.sample();
        model.addAttribute("pending", sample.stream().filter(s -> !"FINAL".equals(s.get("auditStatus"))).toList());
        model.addAttribute("done", sample.stream().filter(s -> "FINAL".equals(s.get("auditStatus"))).count());
        model.addAttribute("agreement", codingAudit.agreement());
        model.addAttribute("benchmark", JdbcCodingAudit.BENCHMARK);
        return "coding/audit";
    }

    @PostMapping("/coding/audit/sample")
    @PreAuthorize("hasAuthority('coding:audit')")
    String drawSample(@RequestParam(required = false) String size, RedirectAttributes redirect) {
        int n;
        try {
            n = Integer.parseInt(FormInput.trimmed(size) == null ? "" : size.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 200) {
            redirect.addFlashAttribute("problem", "Sample size: a whole number from 1 to 200.");
        } else {
            int drawn = codingAudit.drawSample(n, List.of()).size();
            redirect.addFlashAttribute("notice", drawn == 0 ? "No final abstract is left to sample."
                    : drawn + " encounter" + (drawn == 1 ? "" : "s") + " drawn for blind re-coding.");
        }
        return "redirect:/coding/audit";
    }

    /** The auditor's own abstract of a sampled encounter, blind: the coder's codes are never on it. */
    @GetMapping("/coding/audits/{id}")
    @PreAuthorize("hasAuthority('coding:audit')")
    String auditAbstract(@PathVariable long id, Model model) {
        requireAuditable(id);
        model.addAttribute("abs", abstracts.open(id, JdbcAbstracts.AUDIT));
        model.addAttribute("secondaryRows", CodingPageController.SECONDARY_ROWS);
        model.addAttribute("procedureRows", CodingPageController.PROCEDURE_ROWS);
        model.addAttribute("base", "/coding/audits/" + id);
        return "coding/abstract";
    }

    @PostMapping("/coding/audits/{id}")
    @PreAuthorize("hasAuthority('coding:audit')")
    String saveAuditAbstract(@PathVariable long id, @RequestParam MultiValueMap<String, String> form,
                             RedirectAttributes redirect) {
        requireAuditable(id);
        try {
            CodedAbstract saved = abstracts.save(id, JdbcAbstracts.AUDIT, CodingPageController.input(form));
            long errors = saved.edits().stream().filter(e -> e.severity() == CodingEdit.Severity.ERROR).count();
            redirect.addFlashAttribute("notice", errors == 0 ? "Saved. No edit blocks finalizing."
                    : "Saved. " + errors + " error edit" + (errors == 1 ? "" : "s") + " must be fixed before finalizing.");
        } catch (Problem e) {
            redirect.addFlashAttribute("problem", e.detail());
        }
        return "redirect:/coding/audits/" + id;
    }

    @PostMapping("/coding/audits/{id}/finalize")
    @PreAuthorize("hasAuthority('coding:audit')")
    String finalizeAuditAbstract(@PathVariable long id, RedirectAttributes redirect) {
        requireAuditable(id);
        try {
            abstracts.finalizeAbstract(id, JdbcAbstracts.AUDIT);
            redirect.addFlashAttribute("notice", "The audit abstract is final; it now counts in the agreement.");
        } catch (Problem e) {
            redirect.addFlashAttribute("problem", e.status() == 422
                    ? "Not finalized: fix the error edits listed below first." : e.detail());
        }
        return "redirect:/coding/audits/" + id;
    }

    /** The MS-DRGs of the grouper in force (v43) with their FY2026 Table 5 weight and GMLOS. */
    @GetMapping("/coding/ms-drgs")
    @PreAuthorize("hasAuthority('coding:read')")
    String msDrgs(Model model) {
        model.addAttribute("drgs", List.copyOf(pricing.weights()));
        return "coding/ms-drgs";
    }

    private void requireAuditable(long encounterId) {
        if (!codingAudit.sampled(encounterId)) {
            throw CodingProblems.notFound("Encounter " + encounterId + " is not in the dual-coding sample.");
        }
        if (Actor.current().equals(codingAudit.billingCoder(encounterId))) {
            throw CodingProblems.conflict("Own coding", "An auditor does not audit an encounter they coded.");
        }
    }

    /** A date filter; an unreadable date is ignored rather than an error page. */
    private static LocalDate date(String value) {
        try {
            return FormInput.date(value);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
