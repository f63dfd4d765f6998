package org.custodian.completion.internal;

import java.math.BigDecimal;
import org.custodian.Problem;
import org.custodian.RecordLabels;
import org.custodian.completion.CompletionPolicy;
import org.custodian.completion.DeficiencyState;
import org.custodian.completion.DelinquencyFormula;
import org.custodian.completion.NewManualDeficiency;
import org.custodian.completion.RecordCompletion;
import org.custodian.completion.RuleChange;
import org.custodian.staff.ProviderDirectory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The analyst's page, the physician's inbox and the director's page of record completion. */
@Controller
class CompletionPageController {

    private final RecordCompletion completion;
    private final ProviderDirectory directory;
    private final RecordLabels labels;
    private final EncounterChoices encounterChoices;

    CompletionPageController(RecordCompletion completion, ProviderDirectory directory, RecordLabels labels,
                             EncounterChoices encounterChoices) {
        this.encounterChoices = encounterChoices;
        this.completion = completion;
        this.directory = directory;
        this.labels = labels;
    }

    /** Rows of the open-deficiency list on the page; the rest are reached by narrowing it. */
    static final int OPEN_SHOWN = 100;
    /** Charts of the analysis worklist on the page, discharged longest ago first. */
    static final int WORKLIST_SHOWN = 100;

    @GetMapping("/completion")
    @PreAuthorize("hasAuthority('completion:analyze')")
    String analyst(@RequestParam(required = false) String service, @RequestParam(required = false) String find,
                   @RequestParam(required = false) Long practitioner, Model model) {
        model.addAttribute("worklist", completion.worklist(service).stream().limit(WORKLIST_SHOWN).toList());
        model.addAttribute("awaiting", completion.awaitingAnalysis(service));
        model.addAttribute("service", service);
        String f = find == null ? "" : find.strip();
        String hint = f.isEmpty() ? null : findProblem(f);
        java.util.Set<Long> patientIds = f.isEmpty() || hint != null ? null
                : encounterChoices.patientsByMrnOrName(f, "the open-deficiency list narrowed by patient");
        if (hint != null) {
            model.addAttribute("problem", "Find a patient: " + hint);
        }
        model.addAttribute("open", completion.open(patientIds, practitioner, OPEN_SHOWN));
        model.addAttribute("find", f);
        model.addAttribute("practitioner", practitioner);
        model.addAttribute("rules", completion.rules().stream().filter(r -> !r.automatic() && r.active()).toList());
        model.addAttribute("practitioners", directory.all());
        model.addAttribute("suspensions", completion.suspensions());
        return "completion/analyst";
    }

    @PostMapping("/completion/worklist/{encounterId}/analysed")
    @PreAuthorize("hasAuthority('completion:analyze')")
    String analysed(@PathVariable long encounterId, RedirectAttributes redirect) {
        var row = completion.analyse(encounterId);
        redirect.addFlashAttribute("notice", "Analysed: " + row.openDeficiencies() + " open deficiencies on the chart of "
                + row.patientName() + " (MRN " + row.mrn() + ").");
        return "redirect:/completion";
    }

    /** The encounter picker's results (htmx): visits by patient name, MRN or visit number, each with patient name and MRN. */
    @GetMapping("/completion/encounters/pick")
    @PreAuthorize("hasAuthority('completion:analyze') and hasAuthority('chart:read')")
    String pickEncounter(@RequestParam(required = false) String find, Model model) {
        String f = find == null ? "" : find.strip();
        String hint = f.isEmpty() ? "Type part of the patient's name, the MRN or the visit number." : findProblem(f);
        if (hint != null) {
            model.addAttribute("hint", hint);
        } else {
            model.addAttribute("choices", encounterChoices.find(f));
        }
        return "completion/encounterpick";
    }

    /** Why {@code f} cannot be searched for, or null when it can. */
    private static String findProblem(String f) {
        if (f.length() > 64) {
            return "At most 64 characters.";
        } else if (!f.matches(".*\\d.*") && f.replaceAll("[^\\p{L}]", "").length() < 2) {
            return "Type at least two letters of the name.";
        } else if (!f.matches("[\\p{L}0-9 .,'-]+")) {
            return "A name has letters, spaces and . , ' - only; an MRN or visit number letters, digits and '-'.";
        }
        return null;
    }

    @PostMapping("/completion/deficiencies")
    @PreAuthorize("hasAuthority('completion:analyze')")
    String addManual(@RequestParam(required = false) Long encounterId, @RequestParam(required = false) String rule,
                     @RequestParam(required = false) Long practitionerId, @RequestParam(required = false) String description,
                     RedirectAttributes redirect) {
        try {
            if (encounterId == null) {
                throw new IllegalArgumentException("Choose the visit: type the patient's name, MRN or visit number and pick it from the list.");
            }
            var d = completion.addManual(new NewManualDeficiency(encounterId, practitionerId, rule, null, description));
            redirect.addFlashAttribute("notice", "Deficiency entered for " + d.patientName() + " (MRN " + d.mrn() + ").");
            // Back to the list narrowed to the patient, where the new deficiency shows.
            redirect.addAttribute("find", d.mrn());
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/completion";
    }

    @PostMapping("/completion/deficiencies/{id}/close")
    @PreAuthorize("hasAuthority('completion:analyze')")
    String close(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            completion.close(id, reason);
            redirect.addFlashAttribute("notice", "The deficiency is closed.");
        } catch (Problem e) {
            if (e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/completion";
    }

    @GetMapping("/completion/inbox")
    @PreAuthorize("hasAuthority('completion:inbox')")
    String inbox(Model model, java.security.Principal principal) {
        model.addAttribute("items", completion.inbox());
        model.addAttribute("practitioner", directory.byUsername(principal.getName()).orElse(null));
        model.addAttribute("delinquentDays", completion.policy().delinquentDays());
        return "completion/inbox";
    }

    @GetMapping("/completion/director")
    @PreAuthorize("hasAuthority('completion:manage')")
    String director(@RequestParam(required = false) DelinquencyFormula formula, Model model) {
        CompletionPolicy policy = completion.policy();
        DelinquencyFormula f = formula == null ? policy.formula() : formula;
        model.addAttribute("figures", completion.figures(f));
        model.addAttribute("formula", f);
        model.addAttribute("formulas", DelinquencyFormula.values());
        model.addAttribute("policy", policy);
        model.addAttribute("rules", completion.rules());
        model.addAttribute("letters", completion.letters());
        model.addAttribute("suspensions", completion.suspensions());
        return "completion/director";
    }

    @PostMapping("/completion/director/rules/{code}")
    @PreAuthorize("hasAuthority('completion:manage')")
    String changeRule(@PathVariable String code, @RequestParam int dueHours, @RequestParam(defaultValue = "false") boolean active,
                      RedirectAttributes redirect) {
        if (dueHours < 0 || dueHours > 8760) {
            redirect.addFlashAttribute("problem", "dueHours: between 0 and 8760 hours");
            return "redirect:/completion/director";
        }
        var r = completion.changeRule(code, new RuleChange(dueHours, active, null));
        redirect.addFlashAttribute("notice", "Rule " + r.code() + " is now version " + r.version() + ".");
        return "redirect:/completion/director";
    }

    @PostMapping("/completion/director/policy")
    @PreAuthorize("hasAuthority('completion:manage')")
    String changePolicy(@RequestParam int delinquentDays, @RequestParam int reminderDay, @RequestParam int chairDay,
                        @RequestParam int suspensionDay, @RequestParam DelinquencyFormula formula, @RequestParam BigDecimal alertPercent,
                        RedirectAttributes redirect) {
        try {
            var p = completion.changePolicy(new CompletionPolicy(0, delinquentDays, reminderDay, chairDay, suspensionDay, formula, alertPercent));
            redirect.addFlashAttribute("notice", "Bylaw numbers saved (version " + p.version() + ").");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/completion/director";
    }

    @PostMapping("/completion/director/escalations")
    @PreAuthorize("hasAuthority('completion:manage')")
    String escalate(RedirectAttributes redirect) {
        int n = completion.escalate().size();
        redirect.addFlashAttribute("notice", n == 0 ? "No letter is due today." : n + " letters issued.");
        return "redirect:/completion/director";
    }

    @GetMapping("/completion/letters/{id}.pdf")
    @PreAuthorize("hasAuthority('completion:manage')")
    ResponseEntity<byte[]> letter(@PathVariable long id) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).body(completion.letterPdf(id));
    }

    @PostMapping("/completion/suspensions/{id}/lift")
    @PreAuthorize("hasAuthority('completion:manage')")
    String lift(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        completion.lift(id, reason);
        redirect.addFlashAttribute("notice", "The suspension is lifted.");
        return "redirect:/completion/director";
    }
}
