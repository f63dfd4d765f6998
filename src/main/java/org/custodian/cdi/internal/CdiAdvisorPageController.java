package org.custodian.cdi.internal;

import org.custodian.cdi.CdiAdvisor;
import org.custodian.cdi.CdiLint;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The physician advisor's queue of escalated queries, and the lint list the CDI lead keeps. */
@Controller
class CdiAdvisorPageController {

    private final CdiAdvisor advisor;
    private final CdiLint lint;
    private final org.custodian.RecordLabels labels;

    CdiAdvisorPageController(CdiAdvisor advisor, CdiLint lint, org.custodian.RecordLabels labels) {
        this.labels = labels;
        this.advisor = advisor;
        this.lint = lint;
    }

    @GetMapping("/cdi/advisor")
    @PreAuthorize("hasAuthority('cdi:advise')")
    String queue(@RequestParam(required = false) Long patientId, @RequestParam(defaultValue = "true") boolean open,
                 @RequestParam(defaultValue = "0") int page, @RequestParam(required = false) Long saved, Model model) {
        model.addAttribute("page", advisor.escalated(patientId, open, page, 50));
        model.addAttribute("open", open);
        model.addAttribute("patientId", patientId);
        model.addAttribute("chosen", patientId == null ? null
                : labels.patients(java.util.List.of(patientId), "the physician advisor's queue, one patient").get(patientId));
        model.addAttribute("outcomes", CdiAdvisor.ReviewOutcome.values());
        model.addAttribute("notice", saved == null ? null : "Your review of query " + saved + " is recorded.");
        return "cdi/advisor";
    }

    @PostMapping("/cdi/advisor/queries/{id}/reviews")
    @PreAuthorize("hasAuthority('cdi:advise')")
    String review(@PathVariable long id, @RequestParam CdiAdvisor.ReviewOutcome outcome, @RequestParam(required = false) String note,
                  @RequestParam(required = false) Long patientId) {
        advisor.review(id, outcome, note);
        return "redirect:/cdi/advisor?saved=" + id + (patientId == null ? "" : "&patientId=" + patientId);
    }

    @GetMapping("/cdi/lint")
    @PreAuthorize("hasAuthority('cdi:review')")
    String lint(@RequestParam(required = false) String saved, Model model) {
        model.addAttribute("phrases", lint.phrases());
        model.addAttribute("notice", saved == null ? null : "\u201c" + saved + "\u201d is saved.");
        return "cdi/lint";
    }

    @PostMapping("/cdi/lint")
    @PreAuthorize("hasAuthority('cdi:lead')")
    String saveLint(@RequestParam String phrase, @RequestParam(required = false) CdiLint.Category category,
                    @RequestParam(required = false) String reason, @RequestParam(required = false) Boolean active) {
        CdiLint.Phrase p = lint.save(new CdiLint.PhraseChange(phrase, category, reason, active));
        return "redirect:/cdi/lint?saved=" + java.net.URLEncoder.encode(p.phrase(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
