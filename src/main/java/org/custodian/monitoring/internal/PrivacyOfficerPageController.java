package org.custodian.monitoring.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.custodian.FormInput;
import org.custodian.HospitalClock;
import org.custodian.Problem;
import org.custodian.RecordLabels;
import org.custodian.monitoring.PrivacyMonitoring;
import org.custodian.privacy.ConfidentialityFlags;
import org.custodian.CustodianSettings;
import org.springframework.http.HttpHeaders;
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

/**
 * The privacy officer's pages over what was API-only: a patient's confidentiality flags (set and
 * cleared with a reason, 45 CFR 164.312(a)(2)(ii)), the scoring rules of privacy monitoring
 * (164.308(a)(1)(ii)(D)), and the patient's access report with its PDF letter.
 */
@Controller
class PrivacyOfficerPageController {

    private final ConfidentialityFlags flags;
    private final PrivacyMonitoring monitoring;
    private final RecordLabels labels;
    private final HospitalClock clock;
    private final String organization;

    PrivacyOfficerPageController(ConfidentialityFlags flags, PrivacyMonitoring monitoring, RecordLabels labels,
                                 java.time.Clock clock,
                                 CustodianSettings custodian) {
        this.flags = flags;
        this.monitoring = monitoring;
        this.labels = labels;
        this.clock = HospitalClock.of(clock);
        this.organization = custodian.organization();
    }

    // ---- confidentiality flags

    /** The patient's flags, active and cleared, with who set or cleared each, when and why. */
    @GetMapping("/patients/{id}/confidentiality")
    @PreAuthorize("hasAuthority('privacy:manage')")
    String flags(@PathVariable long id, Model model) {
        model.addAttribute("patient", label(id, "the patient's confidentiality flags"));
        model.addAttribute("flags", flags.of(id));
        model.addAttribute("kinds", flags.kinds());
        return "monitoring/flags";
    }

    @PostMapping("/patients/{id}/confidentiality")
    @PreAuthorize("hasAuthority('privacy:manage')")
    String setFlag(@PathVariable long id, @RequestParam(required = false) String kind,
                   @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        label(id, "setting a confidentiality flag");
        String why = FormInput.trimmed(reason);
        if (kind == null || kind.isBlank()) {
            redirect.addFlashAttribute("problem", "Kind: choose the kind of flag.");
        } else if (why == null) {
            redirect.addFlashAttribute("problem", "Reason: say why the record is flagged.");
        } else {
            try {
                ConfidentialityFlags.Flag f = flags.set(id, kind, why);
                redirect.addFlashAttribute("notice", "Flag set: " + f.label() + ".");
            } catch (Problem p) {
                if (p.status() != 400) {
                    throw p;
                }
                redirect.addFlashAttribute("problem", "Kind: choose one of the kinds listed.");
            }
        }
        return "redirect:/patients/" + id + "/confidentiality";
    }

    @PostMapping("/patients/{id}/confidentiality/{flagId}/clear")
    @PreAuthorize("hasAuthority('privacy:manage')")
    String clearFlag(@PathVariable long id, @PathVariable long flagId, @RequestParam(required = false) String reason,
                     RedirectAttributes redirect) {
        if (flags.of(id).stream().noneMatch(f -> f.id() == flagId && f.active())) {
            throw Problem.notFound("flag-not-found", "No such active flag", "No active confidentiality flag " + flagId + " on this patient.");
        }
        String why = FormInput.trimmed(reason);
        if (why == null) {
            redirect.addFlashAttribute("problem", "Reason: say why the flag is cleared.");
        } else {
            ConfidentialityFlags.Flag f = flags.clear(flagId, why);
            redirect.addFlashAttribute("notice", "Flag cleared: " + f.label() + ".");
        }
        return "redirect:/patients/" + id + "/confidentiality";
    }

    // ---- scoring rules

    @GetMapping("/privacy/rules")
    @PreAuthorize("hasAuthority('privacy:monitor')")
    String rules(Model model) {
        model.addAttribute("rules", monitoring.rules());
        return "monitoring/rules";
    }

    @PostMapping("/privacy/rules/{code}")
    @PreAuthorize("hasAuthority('privacy:monitor')")
    String setRule(@PathVariable String code, @RequestParam(required = false) String weight,
                   @RequestParam(required = false) String enabled, RedirectAttributes redirect) {
        int w;
        try {
            w = Integer.parseInt(weight == null ? "" : weight.trim());
        } catch (NumberFormatException e) {
            redirect.addFlashAttribute("problem", "Weight: a whole number.");
            return "redirect:/privacy/rules";
        }
        try {
            PrivacyMonitoring.RulePrecision r = monitoring.setRule(code, w, enabled != null);
            redirect.addFlashAttribute("notice", "Rule saved: " + r.title() + ", weight " + r.weight()
                    + (r.enabled() ? ", on." : ", off."));
        } catch (Problem p) {
            if (p.status() != 400) {
                throw p;
            }
            redirect.addFlashAttribute("problem", p.detail());
        }
        return "redirect:/privacy/rules";
    }

    // ---- the patient's access report

    /** Pick the patient and a date range; the report and its PDF (a letter the patient can be given). */
    @GetMapping("/privacy/access-report")
    @PreAuthorize("hasAuthority('privacy:monitor')")
    String accessReport(@RequestParam(required = false) Long patientId, @RequestParam(required = false) String from,
                        @RequestParam(required = false) String to, Model model) {
        LocalDate today = clock.today();
        LocalDate f = date(from, today.minusYears(1));
        LocalDate t = date(to, today);
        model.addAttribute("from", f);
        model.addAttribute("to", t);
        model.addAttribute("chosen", null);
        model.addAttribute("report", null);
        model.addAttribute("problem", null);
        Map<String, String> roleTitles = new java.util.HashMap<>();
        for (org.custodian.privacy.Role r : org.custodian.privacy.Role.values()) {
            roleTitles.put(r.name(), r.title());
        }
        model.addAttribute("roleTitles", roleTitles);
        if (f == null || t == null) {
            model.addAttribute("problem", "From and To: dates such as 03/01/2026.");
            return "monitoring/access-report";
        }
        if (patientId != null) {
            model.addAttribute("chosen", label(patientId, "the patient access report"));
            if (t.isBefore(f)) {
                model.addAttribute("problem", "To: on or after From.");
            } else {
                model.addAttribute("report", monitoring.accessReport(patientId, clock.startOf(f), clock.startOf(t.plusDays(1))));
            }
        }
        return "monitoring/access-report";
    }

    @GetMapping("/privacy/access-report.pdf")
    @PreAuthorize("hasAuthority('privacy:monitor')")
    ResponseEntity<byte[]> accessReportPdf(@RequestParam long patientId, @RequestParam String from, @RequestParam String to) {
        LocalDate f = date(from, null);
        LocalDate t = date(to, null);
        if (f == null || t == null || t.isBefore(f)) {
            throw Problem.invalid("invalid-date", "from, to: dates (2026-03-01), to on or after from");
        }
        PrivacyMonitoring.AccessReport report = monitoring.accessReport(patientId, clock.startOf(f), clock.startOf(t.plusDays(1)));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"access-report-" + report.mrn() + ".pdf\"")
                .body(AccessReportPdf.render(report, organization));
    }

    /** A date from a date field (ISO), the default when empty, null when unreadable. */
    private static LocalDate date(String value, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private RecordLabels.PatientLabel label(long id, String purpose) {
        Map<Long, RecordLabels.PatientLabel> m = labels.patients(List.of(id), purpose);
        RecordLabels.PatientLabel l = m.get(id);
        if (l == null) {
            throw new org.custodian.patient.PatientNotFoundException(id);
        }
        return l;
    }

}
