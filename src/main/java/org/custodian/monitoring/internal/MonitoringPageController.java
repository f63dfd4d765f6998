package org.custodian.monitoring.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.custodian.FormInput;
import org.custodian.Problem;
import org.custodian.RecordLabels;
import org.custodian.monitoring.PrivacyMonitoring;
import org.custodian.privacy.BreakTheGlass;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The break-the-glass page, the privacy officer's review queue, and the alert worklist with its cases. */
@Controller
class MonitoringPageController {

    private final BreakTheGlass breakTheGlass;
    private final PrivacyMonitoring monitoring;
    private final RecordLabels labels;
    private final Clock clock;

    MonitoringPageController(BreakTheGlass breakTheGlass, PrivacyMonitoring monitoring, RecordLabels labels, Clock clock) {
        this.breakTheGlass = breakTheGlass;
        this.monitoring = monitoring;
        this.labels = labels;
        this.clock = clock;
    }

    /** Asks for the reason before a confidential chart opens (45 CFR 164.312(a)(2)(ii)). */
    @GetMapping("/patients/{id}/break-glass")
    @PreAuthorize("hasAuthority('chart:read')")
    String breakGlassPage(@PathVariable long id, Model model) {
        model.addAttribute("patient", label(id));
        model.addAttribute("purposes", org.custodian.audit.PurposeOfUse.forBreakingTheGlass());
        return "monitoring/break-glass";
    }

    @PostMapping("/patients/{id}/break-glass")
    @PreAuthorize("hasAuthority('chart:read')")
    String breakGlass(@PathVariable long id, @RequestParam(required = false) String purposeOfUse,
                      @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            BreakTheGlass.Grant g = breakTheGlass.breakGlass(id, FormInput.trimmed(purposeOfUse), FormInput.trimmed(reason));
            redirect.addFlashAttribute("notice", "Access granted until " + org.custodian.web.Fmt.dateTime(g.expiresAt())
                    + ". The privacy officer will review it.");
            return "redirect:/patients/" + id;
        } catch (Problem p) {
            if (p.status() != 400) {
                throw p;
            }
            redirect.addFlashAttribute("problem", p.detail());
            return "redirect:/patients/" + id + "/break-glass";
        }
    }

    @GetMapping("/privacy/break-glass")
    @PreAuthorize("hasAuthority('privacy:manage')")
    String reviews(Model model) {
        List<BreakTheGlass.Grant> queue = breakTheGlass.reviewQueue();
        Instant now = clock.instant();
        List<BreakTheGlass.Grant> recent = breakTheGlass.grants(now.minusSeconds(30L * 86400), now.plusSeconds(1)).stream()
                .filter(g -> g.outcome() != null).toList();
        model.addAttribute("queue", queue);
        model.addAttribute("recent", recent);
        model.addAttribute("now", now);
        model.addAttribute("patients", labels.patients(java.util.stream.Stream.concat(queue.stream(), recent.stream())
                .map(BreakTheGlass.Grant::patientId).toList(), "the break-the-glass review queue"));
        return "monitoring/reviews";
    }

    @PostMapping("/privacy/break-glass/{grantId}/review")
    @PreAuthorize("hasAuthority('privacy:manage')")
    String review(@PathVariable long grantId, @RequestParam(required = false) String outcome,
                  @RequestParam(required = false) String note, RedirectAttributes redirect) {
        BreakTheGlass.Outcome o = null;
        for (BreakTheGlass.Outcome x : BreakTheGlass.Outcome.values()) {
            if (x.name().equals(outcome)) {
                o = x;
            }
        }
        if (o == null) {
            redirect.addFlashAttribute("problem", "Outcome: choose appropriate, or inappropriate with education or sanction.");
            return "redirect:/privacy/break-glass";
        }
        try {
            breakTheGlass.review(grantId, o, FormInput.trimmed(note));
            redirect.addFlashAttribute("notice", "Review recorded: " + o.label() + ".");
        } catch (Problem p) {
            redirect.addFlashAttribute("problem", p.detail());
        }
        return "redirect:/privacy/break-glass";
    }

    /** Shown at most on the worklist page; narrowing by user or patient finds the rest. */
    static final int WORKLIST_PAGE = 100;

    @GetMapping("/privacy/alerts")
    @PreAuthorize("hasAuthority('privacy:monitor')")
    String alerts(@RequestParam(required = false) String all, @RequestParam(required = false) String user,
                  @RequestParam(required = false) Long patientId, Model model) {
        boolean openOnly = all == null || all.isBlank();
        String who = user == null || user.isBlank() ? null : user.strip();
        PrivacyMonitoring.Worklist worklist = monitoring.worklist(openOnly, who, patientId, WORKLIST_PAGE);
        model.addAttribute("alerts", worklist.alerts());
        model.addAttribute("total", worklist.total());
        model.addAttribute("openOnly", openOnly);
        model.addAttribute("user", who);
        model.addAttribute("chosen", patientId == null ? null : labels.patients(List.of(patientId), "the privacy alert worklist").get(patientId));
        model.addAttribute("rules", monitoring.rules());
        return "monitoring/alerts";
    }

    @GetMapping("/privacy/alerts/{id}")
    @PreAuthorize("hasAuthority('privacy:monitor')")
    String alert(@PathVariable long id, Model model) {
        model.addAttribute("alert", monitoring.alert(id));
        return "monitoring/alert";
    }

    @PostMapping("/privacy/alerts/{id}/decision")
    @PreAuthorize("hasAuthority('privacy:monitor')")
    String decide(@PathVariable long id, @RequestParam(required = false) String decision,
                  @RequestParam(required = false) String note, RedirectAttributes redirect) {
        PrivacyMonitoring.Decision d = null;
        for (PrivacyMonitoring.Decision x : PrivacyMonitoring.Decision.values()) {
            if (x.name().equals(decision)) {
                d = x;
            }
        }
        if (d == null) {
            redirect.addFlashAttribute("problem", "Decision: choose one.");
            return "redirect:/privacy/alerts/" + id;
        }
        try {
            monitoring.decide(id, d, FormInput.trimmed(note));
            redirect.addFlashAttribute("notice", "Case decided: " + d.label() + ".");
            return "redirect:/privacy/alerts";
        } catch (Problem p) {
            if (p.status() == 404) {
                throw p;
            }
            redirect.addFlashAttribute("problem", p.detail());
            return "redirect:/privacy/alerts/" + id;
        }
    }

    private RecordLabels.PatientLabel label(long id) {
        Map<Long, RecordLabels.PatientLabel> m = labels.patients(List.of(id), "the break-the-glass page");
        RecordLabels.PatientLabel l = m.get(id);
        if (l == null) {
            throw new org.custodian.patient.PatientNotFoundException(id);
        }
        return l;
    }
}
