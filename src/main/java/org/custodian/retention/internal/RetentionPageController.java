package org.custodian.retention.internal;

import java.time.LocalDate;
import java.util.List;
import org.custodian.FormInput;
import org.custodian.Problem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.custodian.RecordLabels;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages for the destruction worklist (propose), destructions (approve, download the certificate)
 * and legal holds (place, release). A refused action comes back as a readable message.
 */
@Controller
class RetentionPageController {

    static final int PAGE = 100;

    private final DestructionWorklist worklist;
    private final Destructions destructions;
    private final LegalHolds holds;
    private final Schedules schedules;

    private final RecordLabels labels;

    RetentionPageController(DestructionWorklist worklist, Destructions destructions, LegalHolds holds, Schedules schedules,
                            RecordLabels labels) {
        this.labels = labels;
        this.worklist = worklist;
        this.destructions = destructions;
        this.holds = holds;
        this.schedules = schedules;
    }

    @GetMapping("/retention")
    @PreAuthorize("hasAuthority('retention:manage')")
    String worklist(@RequestParam(required = false) String jurisdiction, @RequestParam(required = false) String asOf, Model model) {
        String where = FormInput.trimmed(jurisdiction) == null ? worklist.defaultJurisdiction() : FormInput.trimmed(jurisdiction);
        LocalDate day = asOf == null || FormInput.trimmed(asOf) == null ? worklist.today() : FormInput.date(asOf.strip());
        if (day == null) {
            model.addAttribute("problem", "As of: a date, e.g. 2026-11-27 or 11/27/2026.");
            day = worklist.today();
        }
        model.addAttribute("jurisdiction", where);
        model.addAttribute("asOf", day);
        model.addAttribute("today", day.equals(worklist.today()));
        // A page of the oldest 100: a destruction batch is worked in slices, not all at once.
        List<DestructionWorklist.Item> items = worklist.pastRetention(where, day, null, PAGE);
        model.addAttribute("items", items);
        model.addAttribute("names", labels.patients(items.stream().map(DestructionWorklist.Item::patientId).toList(),
                "the destruction worklist"));
        model.addAttribute("schedules", schedules.of(where));
        model.addAttribute("methods", List.of(DestructionMethod.values()));
        return "retention/worklist";
    }

    @PostMapping("/retention/destructions")
    @PreAuthorize("hasAuthority('retention:manage')")
    String propose(@RequestParam(name = "encounterId", required = false) List<Long> encounterIds,
                   @RequestParam(required = false) String method, @RequestParam(required = false) String reason,
                   @RequestParam(required = false) String jurisdiction, RedirectAttributes redirect) {
        try {
            DestructionMethod m = method == null ? null : DestructionMethod.valueOf(method);
            Destruction d = destructions.propose(new Destructions.Proposal(encounterIds, m, reason, FormInput.trimmed(jurisdiction)));
            redirect.addFlashAttribute("notice", "Destruction " + d.id() + " is proposed. Two other people must approve it.");
            return "redirect:/retention/destructions/" + d.id();
        } catch (IllegalArgumentException | Problem e) {
            redirect.addFlashAttribute("problem", message(e));
            return "redirect:/retention" + FormInput.query("jurisdiction", FormInput.trimmed(jurisdiction));
        }
    }

    @GetMapping("/retention/destructions")
    @PreAuthorize("hasAuthority('retention:approve')")
    String destructions(Model model) {
        model.addAttribute("destructions", destructions.recent());
        return "retention/destructions";
    }

    @GetMapping("/retention/destructions/{id}")
    @PreAuthorize("hasAuthority('retention:approve')")
    String destruction(@PathVariable long id, Model model) {
        model.addAttribute("destruction", destructions.find(id));
        return "retention/destruction";
    }

    @PostMapping("/retention/destructions/{id}/approve")
    @PreAuthorize("hasAuthority('retention:approve')")
    String approve(@PathVariable long id, RedirectAttributes redirect) {
        try {
            Destruction d = destructions.approve(id);
            redirect.addFlashAttribute("notice", d.destroyed()
                    ? "Approved. The records are destroyed under certificate " + d.certificateNumber() + "."
                    : "Approved. One more approval by someone else is needed.");
        } catch (Problem e) {
            if (e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("problem", message(e));
        }
        return "redirect:/retention/destructions/" + id;
    }

    @GetMapping("/retention/destructions/{id}/certificate.pdf")
    @PreAuthorize("hasAuthority('retention:approve')")
    ResponseEntity<byte[]> certificate(@PathVariable long id) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"certificate-of-destruction-" + id + ".pdf\"")
                .body(destructions.certificate(id));
    }

    @GetMapping("/retention/holds")
    @PreAuthorize("hasAuthority('legal-hold:manage')")
    String holds(@RequestParam(required = false) String patientId, Model model) {
        Long patient = parseId(patientId);
        List<LegalHold> list = holds.list(patient);
        model.addAttribute("holds", list);
        model.addAttribute("patientId", patient);
        List<Long> ids = new java.util.ArrayList<>(list.stream().map(LegalHold::patientId).toList());
        if (patient != null) {
            ids.add(patient);
        }
        model.addAttribute("names", labels.patients(ids, "the legal holds list"));
        model.addAttribute("visits", labels.encounters(list.stream().map(LegalHold::encounterId)
                .filter(java.util.Objects::nonNull).toList(), "the legal holds list"));
        return "retention/holds";
    }

    @PostMapping("/retention/holds")
    @PreAuthorize("hasAuthority('legal-hold:manage')")
    String place(@RequestParam(required = false) String patientId, @RequestParam(required = false) String encounterId,
                 @RequestParam(required = false) String visitNumber,
                 @RequestParam(required = false) String matter, @RequestParam(required = false) String reason,
                 RedirectAttributes redirect) {
        try {
            long patient = requiredId("Patient (choose from the list)", patientId);
            Long encounter = parseId(encounterId);
            String visit = FormInput.trimmed(visitNumber);
            if (visit != null) {
                RecordLabels.EncounterLabel e = labels.encounterByVisitNumber(visit, "placing a legal hold")
                        .orElseThrow(() -> new IllegalArgumentException("Visit number: no encounter has visit number " + visit));
                if (e.patient() == null || e.patient().id() != patient) {
                    throw new IllegalArgumentException("Visit number: visit " + visit + " is not an encounter of the chosen patient");
                }
                encounter = e.id();
            }
            LegalHold h = holds.place(new LegalHolds.Placement(patient, encounter, matter, reason));
            redirect.addFlashAttribute("notice", "Legal hold " + h.id() + " is in force.");
        } catch (IllegalArgumentException | Problem e) {
            redirect.addFlashAttribute("problem", message(e));
        }
        return "redirect:/retention/holds";
    }

    @PostMapping("/retention/holds/{id}/release")
    @PreAuthorize("hasAuthority('legal-hold:manage')")
    String release(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            holds.release(id, reason);
            redirect.addFlashAttribute("notice", "Legal hold " + id + " is released.");
        } catch (IllegalArgumentException | Problem e) {
            redirect.addFlashAttribute("problem", message(e));
        }
        return "redirect:/retention/holds";
    }

    private static Long parseId(String s) {
        String t = FormInput.trimmed(s);
        if (t == null) {
            return null;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Choose the patient from the list (an id is a whole number)");
        }
    }

    private static long requiredId(String field, String s) {
        Long id = parseId(s);
        if (id == null) {
            throw new IllegalArgumentException(field + ": required");
        }
        return id;
    }

    private static String message(Exception e) {
        if (e instanceof Problem r && r.detail() != null) {
            return r.detail();
        }
        return e.getMessage();
    }
}
