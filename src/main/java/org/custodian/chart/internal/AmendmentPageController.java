package org.custodian.chart.internal;

import java.time.LocalDate;
import java.util.List;
import org.custodian.FormInput;
import org.custodian.Problem;
import org.custodian.chart.AmendmentRequest;
import org.custodian.chart.Amendments;
import org.custodian.chart.ChartService;
import org.custodian.chart.DenialReason;
import org.custodian.chart.NewAmendmentRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The amendment worklist, intake, and one request with the actions its state allows (45 CFR 164.526). */
@Controller
class AmendmentPageController {

    private final Amendments amendments;
    private final ChartService charts;

    AmendmentPageController(Amendments amendments, ChartService charts) {
        this.amendments = amendments;
        this.charts = charts;
    }

    @GetMapping("/amendments")
    @PreAuthorize("hasAuthority('amendment:manage')")
    String worklist(@RequestParam(required = false) String documentId, Model model) {
        model.addAttribute("requests", amendments.pending());
        model.addAttribute("today", amendments.today());
        model.addAttribute("documentId", FormInput.trimmed(documentId));
        return "chart/amendments";
    }

    @PostMapping("/amendments")
    @PreAuthorize("hasAuthority('amendment:manage')")
    String receive(@RequestParam(required = false) String documentId, @RequestParam(required = false) String requestedChange,
                   @RequestParam(required = false) String patientReason, @RequestParam(required = false) String receivedOn,
                   RedirectAttributes redirect) {
        try {
            long document = parseId(documentId);
            LocalDate received = null;
            if (FormInput.trimmed(receivedOn) != null) {
                received = FormInput.date(receivedOn.strip());
                if (received == null) {
                    throw new IllegalArgumentException("Received on: a date, e.g. 2026-11-27 or 11/27/2026");
                }
            }
            AmendmentRequest r = amendments.receive(new NewAmendmentRequest(document, requestedChange, patientReason, received));
            redirect.addFlashAttribute("notice", "Request " + r.id() + " received; the decision is due by " + r.dueOn() + ".");
            return "redirect:/amendments/" + r.id();
        } catch (IllegalArgumentException | Problem e) {
            redirect.addFlashAttribute("problem", message(e));
            return "redirect:/amendments" + FormInput.query("documentId", FormInput.trimmed(documentId));
        }
    }

    @GetMapping("/amendments/{id}")
    @PreAuthorize("hasAuthority('amendment:manage')")
    String request(@PathVariable long id, Model model) {
        AmendmentRequest r = amendments.find(id);
        model.addAttribute("request", r);
        model.addAttribute("document", charts.document(r.documentId()));
        model.addAttribute("today", amendments.today());
        model.addAttribute("reasons", List.of(DenialReason.values()));
        return "chart/amendment";
    }

    @PostMapping("/amendments/{id}/extend")
    @PreAuthorize("hasAuthority('amendment:manage')")
    String extend(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return act(id, redirect, "Extended by 30 days; tell the patient the reason and the new date in writing.",
                () -> amendments.extend(id, reason));
    }

    @PostMapping("/amendments/{id}/accept")
    @PreAuthorize("hasAuthority('amendment:manage')")
    String accept(@PathVariable long id, @RequestParam(required = false) String amendmentText, RedirectAttributes redirect) {
        return act(id, redirect, "Accepted: the amendment is linked to the document, which is marked amended.",
                () -> amendments.accept(id, amendmentText));
    }

    @PostMapping("/amendments/{id}/deny")
    @PreAuthorize("hasAuthority('amendment:manage')")
    String deny(@PathVariable long id, @RequestParam(required = false) String reason,
                @RequestParam(required = false) String explanation, RedirectAttributes redirect) {
        return act(id, redirect, "Denied. The patient may file a statement of disagreement.", () -> {
            DenialReason r;
            try {
                r = reason == null ? null : DenialReason.valueOf(reason);
            } catch (IllegalArgumentException e) {
                r = null;
            }
            amendments.deny(id, r, explanation);
        });
    }

    @PostMapping("/amendments/{id}/disagreement")
    @PreAuthorize("hasAuthority('amendment:manage')")
    String disagreement(@PathVariable long id, @RequestParam(required = false) String statement, RedirectAttributes redirect) {
        return act(id, redirect, "The statement of disagreement is attached to the record.",
                () -> amendments.recordDisagreement(id, statement));
    }

    @PostMapping("/amendments/{id}/rebuttal")
    @PreAuthorize("hasAuthority('amendment:manage')")
    String rebuttal(@PathVariable long id, @RequestParam(required = false) String rebuttal, RedirectAttributes redirect) {
        return act(id, redirect, "The rebuttal is attached; send the patient a copy (45 CFR 164.526(d)(3)).",
                () -> amendments.recordRebuttal(id, rebuttal));
    }

    private String act(long id, RedirectAttributes redirect, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", done);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        } catch (Problem e) {
            if (e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("problem", message(e));
        }
        return "redirect:/amendments/" + id;
    }

    private static long parseId(String s) {
        try {
            return Long.parseLong(FormInput.trimmed(s) == null ? "" : s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Document id: a whole number");
        }
    }

    private static String message(Exception e) {
        if (e instanceof Problem r && r.detail() != null) {
            return r.detail();
        }
        return e.getMessage();
    }
}
