package org.custodian.patient.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.custodian.FormInput;
import org.custodian.patient.PatientPage;
import org.custodian.patient.PatientRegistry;
import org.custodian.patient.PatientSearch;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Patient search: one page with the form and its results, and a fragment with the results alone
 * that htmx fetches as the user types. Input is checked with the same rules as the API; a bad
 * value is named on the page and no search runs. Every search goes through {@link PatientRegistry},
 * which audits it.
 */
@Controller
class PatientPageController {

    static final int PAGE_SIZE = 25;
    static final int MAX_PAGE = 10_000;

    private final PatientRegistry patients;

    PatientPageController(PatientRegistry patients) {
        this.patients = patients;
    }

    @GetMapping("/patients")
    @PreAuthorize("hasAuthority('chart:read')")
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) String mrn,
                  @RequestParam(required = false) String dob, @RequestParam(required = false) String page, Model model) {
        model.addAttribute("search", run(q, mrn, dob, page));
        return "patient/search";
    }

    /** The results table alone, for htmx; the address bar follows the search. */
    @GetMapping("/patients/results")
    @PreAuthorize("hasAuthority('chart:read')")
    String results(@RequestParam(required = false) String q, @RequestParam(required = false) String mrn,
                   @RequestParam(required = false) String dob, @RequestParam(required = false) String page,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        PatientSearchView view = run(q, mrn, dob, page);
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Replace-Url", "/patients" + view.selfQuery());
        }
        model.addAttribute("search", view);
        return "patient/results";
    }

    /**
     * The patient picker's choices: one box for a name, an MRN or a date of birth, as people know a
     * patient. A date (MM/DD/YYYY or YYYY-MM-DD) searches the birth date, a value with a digit the
     * MRN, anything else the name. The same audited search as the patient list, for the same roles.
     */
    @GetMapping("/patients/pick")
    @PreAuthorize("hasAuthority('chart:read')")
    String pick(@RequestParam(required = false) String find, Model model) {
        find = FormInput.trimmed(find);
        PatientSearch criteria = null;
        String hint = null;
        if (find == null) {
            hint = "Type part of the name, the MRN or the date of birth.";
        } else if (find.length() > 64) {
            hint = "At most 64 characters.";
        } else if (find.matches("\\d{1,2}/\\d{1,2}/\\d{4}|\\d{4}-\\d{2}-\\d{2}")) {
            LocalDate dob = FormInput.date(find);
            if (dob == null) {
                hint = "Not a valid date; type it as MM/DD/YYYY.";
            } else {
                criteria = new PatientSearch(null, null, dob);
            }
        } else if (find.matches(".*\\d.*")) {
            if (find.matches("[A-Za-z0-9-]{1,20}")) {
                criteria = new PatientSearch(null, find, null);
            } else {
                hint = "An MRN has 1 to 20 letters, digits or '-'; a date of birth is typed MM/DD/YYYY.";
            }
        } else if (!find.matches(PatientApiController.NAME_QUERY)) {
            hint = "A name has letters, spaces and . , ' - only.";
        } else if (find.replaceAll("[^\\p{L}]", "").length() < 2) {
            hint = "Type at least two letters of the name.";
        } else {
            criteria = new PatientSearch(find, null, null);
        }
        if (criteria != null) {
            model.addAttribute("found", patients.search(criteria, 0, 8));
        }
        model.addAttribute("hint", hint);
        return "patient/pick";
    }

    PatientSearchView run(String q, String mrn, String dob, String page) {
        q = FormInput.trimmed(q);
        mrn = FormInput.trimmed(mrn);
        dob = FormInput.trimmed(dob);
        List<String> problems = new ArrayList<>();
        if (q != null && q.length() > 64) {
            problems.add("Name: at most 64 characters.");
        } else if (q != null && !q.matches(PatientApiController.NAME_QUERY)) {
            problems.add("Name: use letters, spaces and . , ' - only.");
        }
        if (mrn != null && !mrn.matches("[A-Za-z0-9-]{1,20}")) {
            problems.add("MRN: 1 to 20 letters, digits or '-'.");
        }
        LocalDate birthDate = null;
        if (dob != null) {
            birthDate = FormInput.date(dob);
            if (birthDate == null) {
                problems.add("Date of birth: not a valid date; use the date picker or type MM/DD/YYYY.");
            }
        }
        int pageNumber = 1;
        if (page != null) {
            try {
                pageNumber = Integer.parseInt(page);
            } catch (NumberFormatException e) {
                pageNumber = -1;
            }
            if (pageNumber < 1 || pageNumber > MAX_PAGE) {
                problems.add("Page: a number from 1 to " + MAX_PAGE + ".");
                pageNumber = 1;
            }
        }
        String self = query(q, mrn, dob, null);
        if (!problems.isEmpty()) {
            return new PatientSearchView(q, mrn, dob, List.copyOf(problems), null, null, 1, 0, null, null, self);
        }
        if (q == null && mrn == null && birthDate == null) {
            return new PatientSearchView(null, null, null, List.of(),
                    "Enter part of a name, a medical record number or a date of birth.", null, 1, 0, null, null, self);
        }
        if (q != null && mrn == null && birthDate == null && q.replaceAll("[^\\p{L}]", "").length() < 2) {
            return new PatientSearchView(q, null, null, List.of(), "Type at least two letters of the name.",
                    null, 1, 0, null, null, self);
        }
        PatientPage result = patients.search(new PatientSearch(q, mrn, birthDate), pageNumber - 1, PAGE_SIZE);
        int pageCount = (int) Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        String prev = pageNumber > 1 ? query(q, mrn, dob, pageNumber - 1) : null;
        String next = pageNumber < pageCount && pageNumber < MAX_PAGE ? query(q, mrn, dob, pageNumber + 1) : null;
        return new PatientSearchView(q, mrn, dob, List.of(), null, result, pageNumber, pageCount, prev, next,
                query(q, mrn, dob, pageNumber > 1 ? pageNumber : null));
    }

    private static String query(String q, String mrn, String dob, Integer page) {
        return FormInput.query("q", q, "mrn", mrn, "dob", dob, "page", page == null ? null : page.toString());
    }
}
