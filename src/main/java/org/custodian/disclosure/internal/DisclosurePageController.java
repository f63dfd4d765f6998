package org.custodian.disclosure.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.custodian.FormInput;
import org.custodian.disclosure.AccountingOfDisclosures;
import org.custodian.disclosure.AuthorizationProblem;
import org.custodian.disclosure.DisclosureRelease;
import org.custodian.disclosure.DisclosureRequest;
import org.custodian.disclosure.NewDisclosureRequest;
import org.custodian.disclosure.ReleaseBlocked;
import org.custodian.disclosure.ReleaseOfInformation;
import org.custodian.patient.PatientNotFoundException;
import org.custodian.patient.PatientRegistry;
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
 * The ROI specialist's pages: the worklist by deadline, intake, one request (its clock, what blocks
 * it, extension, release, the packet) and a patient's accounting of disclosures.
 */
@Controller
class DisclosurePageController {

    private final ReleaseOfInformation roi;
    private final AccountingOfDisclosures accounting;
    private final PatientRegistry patients;
    private final Clock clock;
    private final RecordLabels labels;

    DisclosurePageController(ReleaseOfInformation roi, AccountingOfDisclosures accounting, PatientRegistry patients,
                             Clock clock, RecordLabels labels) {
        this.roi = roi;
        this.accounting = accounting;
        this.patients = patients;
        this.clock = clock;
        this.labels = labels;
    }

    /** The patient a form names by id, for its picker to show by name and MRN; null when none or unknown. */
    private RecordLabels.PatientLabel chosen(String patientId, String purpose) {
        String id = FormInput.trimmed(patientId);
        if (id == null || !id.matches("\\d{1,18}")) {
            return null;
        }
        return labels.patients(List.of(Long.parseLong(id)), purpose).get(Long.parseLong(id));
    }

    @GetMapping("/disclosures")
    @PreAuthorize("hasAuthority('disclosure:read')")
    String worklist(Model model) {
        List<DisclosureRequest> requests = roi.worklist();
        var accountingRequests = accounting.openRequests();
        model.addAttribute("requests", requests);
        model.addAttribute("accountingRequests", accountingRequests);
        List<Long> ids = new java.util.ArrayList<>();
        requests.forEach(r -> ids.add(r.patientId()));
        accountingRequests.forEach(a -> ids.add(a.patientId()));
        model.addAttribute("names", labels.patients(ids, "the release-of-information worklist"));
        model.addAttribute("today", LocalDate.now(clock));
        return "disclosure/worklist";
    }

    @GetMapping("/disclosures/new")
    @PreAuthorize("hasAuthority('disclosure:manage')")
    String intakeForm(@RequestParam(required = false) String patientId, Model model) {
        model.addAttribute("form", RequestForm.blank(LocalDate.now(clock), FormInput.trimmed(patientId)));
        model.addAttribute("chosen", chosen(patientId, "the ROI request form"));
        return "disclosure/new";
    }

    @PostMapping("/disclosures")
    @PreAuthorize("hasAuthority('disclosure:manage')")
    String intake(@RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect) {
        RequestForm form = RequestForm.of(params);
        NewDisclosureRequest request = form.toRequest();
        if (request != null) {
            try {
                DisclosureRequest created = roi.intake(request);
                redirect.addFlashAttribute("notice", "Request " + created.requestNumber() + " received; due "
                        + org.custodian.web.Fmt.date(created.dueOn()) + ".");
                return "redirect:/disclosures/" + created.id();
            } catch (PatientNotFoundException e) {
                form.reject("patientId: no such patient; choose the patient from the list");
            } catch (IllegalArgumentException e) {
                form.reject(e.getMessage());
            }
        }
        model.addAttribute("form", form);
        model.addAttribute("chosen", chosen(form.value("patientId"), "the ROI request form"));
        return "disclosure/new";
    }

    @GetMapping("/disclosures/{id}")
    @PreAuthorize("hasAuthority('disclosure:read')")
    String request(@PathVariable long id, Model model) {
        DisclosureRequest r = roi.request(id);
        boolean open = r.status() == DisclosureRequest.Status.OPEN;
        List<AuthorizationProblem> blocking = open ? roi.check(id) : List.of();
        DisclosureRelease release = open ? null : roi.releaseOf(id);
        model.addAttribute("request", r);
        model.addAttribute("patient", patients.find(r.patientId()).orElseThrow(() -> new PatientNotFoundException(r.patientId())));
        model.addAttribute("blocking", blocking);
        model.addAttribute("release", release);
        model.addAttribute("scope", PacketWriter.scope(r));
        model.addAttribute("today", LocalDate.now(clock));
        return "disclosure/request";
    }

    @PostMapping("/disclosures/{id}/extension")
    @PreAuthorize("hasAuthority('disclosure:manage')")
    String extend(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            DisclosureRequest r = roi.extend(id, reason);
            redirect.addFlashAttribute("notice", "Extended to " + org.custodian.web.Fmt.date(r.extendedDueOn())
                    + ". Send the requester the written reason.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", "Not extended: " + e.getMessage());
        }
        return "redirect:/disclosures/" + id;
    }

    @PostMapping("/disclosures/{id}/release")
    @PreAuthorize("hasAuthority('disclosure:manage')")
    String release(@PathVariable long id, RedirectAttributes redirect) {
        try {
            DisclosureRelease r = roi.release(id);
            redirect.addFlashAttribute("notice", "Released: " + r.released().size() + " document(s), "
                    + r.withheld().size() + " withheld. The packet is ready.");
        } catch (ReleaseBlocked e) {
            redirect.addFlashAttribute("problem", "Release blocked: " + String.join("; ",
                    e.problems().stream().map(AuthorizationProblem::toString).toList()));
        }
        return "redirect:/disclosures/" + id;
    }

    @GetMapping("/disclosures/{id}/packet.pdf")
    @PreAuthorize("hasAuthority('disclosure:manage')")
    ResponseEntity<byte[]> packet(@PathVariable long id) {
        DisclosureRequest r = roi.request(id);
        return DisclosureApiController.pdf(roi.packet(id), r.requestNumber() + ".pdf");
    }

    @GetMapping("/accounting")
    @PreAuthorize("hasAuthority('disclosure:read')")
    String accounting(@RequestParam(required = false) String patientId, Model model) {
        String id = FormInput.trimmed(patientId);
        model.addAttribute("patientId", id);
        if (id != null && id.matches("\\d{1,18}")) {
            long pid = Long.parseLong(id);
            var patient = patients.find(pid).orElseThrow(() -> new PatientNotFoundException(pid));
            model.addAttribute("patient", patient);
            model.addAttribute("chosen", new RecordLabels.PatientLabel(patient.id(), patient.displayName(), patient.mrn(), patient.birthDate()));
            model.addAttribute("entries", accounting.accounting(pid));
        } else {
            model.addAttribute("patient", null);
            model.addAttribute("chosen", null);
            model.addAttribute("entries", List.of());
        }
        return "disclosure/accounting";
    }

    @GetMapping("/accounting/{patientId}/report.pdf")
    @PreAuthorize("hasAuthority('disclosure:read')")
    ResponseEntity<byte[]> report(@PathVariable long patientId) {
        return DisclosureApiController.pdf(accounting.report(patientId), "accounting-of-disclosures-" + patientId + ".pdf");
    }
}
