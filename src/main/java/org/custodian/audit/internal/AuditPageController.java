package org.custodian.audit.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.custodian.FormInput;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditQuery;
import org.custodian.audit.AuditRecord;
import org.custodian.audit.AuditTrail;
import org.custodian.audit.ChainVerification;
import org.springframework.security.access.prepost.PreAuthorize;
import org.custodian.RecordLabels;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The privacy officer's view of the audit log: events by patient, user and date range, newest
 * first, and a check of the hash chain. Reading the log is itself recorded, as on the API.
 */
@Controller
class AuditPageController {

    static final int PAGE_SIZE = 50;
    static final int MAX_PAGE = 100_000;

    private final AuditLog log;
    private final AuditTrail audit;
    private final RecordLabels labels;
    private final java.time.Clock clock;

    AuditPageController(AuditLog log, AuditTrail audit, RecordLabels labels, java.time.Clock clock) {
        this.log = log;
        this.audit = audit;
        this.labels = labels;
        this.clock = clock;
    }

    @GetMapping("/audit")
    @PreAuthorize("hasAuthority('audit:read')")
    String events(@RequestParam(required = false) String patientId, @RequestParam(required = false) String patientIdMrn,
                  @RequestParam(required = false) String user,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(required = false) String page, Model model) {
        patientId = FormInput.trimmed(patientId);
        String mrn = FormInput.trimmed(patientIdMrn);
        List<String> mrnProblems = new ArrayList<>();
        if (patientId == null && mrn != null) {
            // Typed by someone without patient search (an auditor): the MRN names the patient.
            var found = labels.patientByMrn(mrn, "the audit log filter");
            if (found.isPresent()) {
                patientId = Long.toString(found.get().id());
            } else {
                mrnProblems.add("Patient: no patient has MRN " + mrn + ".");
            }
        }
        user = FormInput.trimmed(user);
        from = FormInput.trimmed(from);
        to = FormInput.trimmed(to);
        List<String> problems = new ArrayList<>(mrnProblems);
        Long patient = null;
        if (patientId != null) {
            if (patientId.matches("[0-9]{1,18}") && Long.parseLong(patientId) > 0) {
                patient = Long.parseLong(patientId);
            } else {
                problems.add("Patient: choose the patient from the list.");
            }
        }
        if (user != null && !user.matches("[A-Za-z0-9._@-]{1,64}")) {
            problems.add("User: a username of up to 64 letters, digits, '.', '_', '@' or '-'.");
        }
        ZoneId zone = clock.getZone(); // the hospital's zone, in which the UI shows times
        LocalDate fromDate = null;
        LocalDate toDate = null;
        if (from != null && (fromDate = FormInput.date(from)) == null) {
            problems.add("From: not a valid date; use the date picker or type MM/DD/YYYY.");
        }
        if (to != null && (toDate = FormInput.date(to)) == null) {
            problems.add("To: not a valid date; use the date picker or type MM/DD/YYYY.");
        }
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            problems.add("From must be on or before To.");
        }
        int pageNumber = 1;
        if (page != null) {
            pageNumber = page.matches("[0-9]{1,6}") ? Integer.parseInt(page) : -1;
            if (pageNumber < 1 || pageNumber > MAX_PAGE) {
                problems.add("Page: a number from 1 to " + MAX_PAGE + ".");
                pageNumber = 1;
            }
        }
        AuditLogView view;
        if (!problems.isEmpty()) {
            view = new AuditLogView(patientId, user, from, to, List.copyOf(problems), List.of(), 0, 1, 0, null, null);
        } else {
            Instant fromInstant = fromDate == null ? null : fromDate.atStartOfDay(zone).toInstant();
            // "To" is inclusive: the whole day counts.
            Instant toInstant = toDate == null ? null : toDate.plusDays(1).atStartOfDay(zone).toInstant();
            AuditQuery query = new AuditQuery(patient, user, fromInstant, toInstant, pageNumber - 1, PAGE_SIZE);
            List<AuditRecord> events = log.find(query);
            long total = log.count(query);
            // Reading the log is itself a disclosure of who looked at whom.
            audit.record(AuditAction.READ, AuditOutcome.SUCCESS, patient, "AuditLog", null,
                    "patientId=" + patient + " user=" + user + " from=" + fromInstant + " to=" + toInstant);
            int pageCount = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
            String iso = fromDate == null ? null : fromDate.toString();
            String isoTo = toDate == null ? null : toDate.toString();
            view = new AuditLogView(patientId, user, iso, isoTo, List.of(), events, total, pageNumber, pageCount,
                    pageNumber > 1 ? query(patientId, user, iso, isoTo, pageNumber - 1) : null,
                    pageNumber < pageCount && pageNumber < MAX_PAGE ? query(patientId, user, iso, isoTo, pageNumber + 1) : null);
        }
        model.addAttribute("log", view);
        List<Long> ids = new ArrayList<>(view.events().stream().map(AuditRecord::patientId).filter(java.util.Objects::nonNull).toList());
        if (patient != null) {
            ids.add(patient);
        }
        model.addAttribute("names", labels.patients(ids, "the audit log"));
        model.addAttribute("chosen", patient == null ? null : labels.patients(List.of(patient), "the audit log").get(patient));
        return "audit/events";
    }

    /** Walks the whole hash chain and reports the first broken link, if any. */
    @PostMapping("/audit/verify")
    @PreAuthorize("hasAuthority('audit:verify')")
    String verify(@RequestParam(required = false) String patientId, @RequestParam(required = false) String user,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(required = false) String page, RedirectAttributes redirect) {
        ChainVerification v = log.verify();
        audit.record(AuditAction.VERIFY, v.valid() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, null, "AuditLog", null,
                v.valid() ? v.events() + " events intact" : "broken at " + v.firstBrokenSeq());
        redirect.addFlashAttribute("verification", v);
        // Back to the same filtered view: checking the chain must not lose the reviewer's place.
        return "redirect:/audit" + FormInput.query("patientId", FormInput.trimmed(patientId), "user", FormInput.trimmed(user),
                "from", FormInput.trimmed(from), "to", FormInput.trimmed(to), "page", FormInput.trimmed(page)) + "#verify";
    }

    private static String query(String patientId, String user, String from, String to, int page) {
        return FormInput.query("patientId", patientId, "user", user, "from", from, "to", to, "page", Integer.toString(page));
    }
}
