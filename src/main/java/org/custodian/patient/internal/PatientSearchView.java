package org.custodian.patient.internal;

import java.util.List;
import org.custodian.patient.PatientPage;
import org.custodian.patient.PatientSummary;

/**
 * The patient search page as the templates see it: what the user typed (to fill the form again),
 * what was wrong with it, and one page of results.
 *
 * @param q        the name as typed
 * @param mrn      the MRN as typed
 * @param dob      the date of birth as typed (ISO, from the date field)
 * @param problems what is wrong with the input, one sentence each; no search ran when not empty
 * @param hint     why no search ran although the input is valid (e.g. nothing entered yet), or null
 * @param results  the page of results, or null when no search ran
 * @param pageNumber 1-based page number
 * @param pageCount  number of pages
 * @param prevQuery  query string of the previous page, or null on the first
 * @param nextQuery  query string of the next page, or null on the last
 * @param selfQuery  query string of this search (for the address bar)
 */
public record PatientSearchView(String q, String mrn, String dob, List<String> problems, String hint,
                                PatientPage results, int pageNumber, int pageCount,
                                String prevQuery, String nextQuery, String selfQuery) {

    public boolean searched() {
        return results != null;
    }

    public List<PatientSummary> items() {
        return results == null ? List.of() : results.items();
    }

    public long total() {
        return results == null ? 0 : results.total();
    }

    public long firstShown() {
        return results == null || results.items().isEmpty() ? 0 : (long) results.page() * results.size() + 1;
    }

    public long lastShown() {
        return results == null ? 0 : (long) results.page() * results.size() + results.items().size();
    }
}
