package org.custodian.coding;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** ICD-10-CM and ICD-10-PCS by fiscal year, as loaded from CMS's order files. */
public interface CodeSets {

    /** The code (dotted or not) in the given fiscal year's set, billable or header. */
    Optional<CodeEntry> find(CodeSystem system, String code, int fiscalYear);

    /**
     * The code in the set in force on the discharge date: its fiscal year's set (see {@link FiscalYear})
     * with the mid-year changes effective by that date (the April 1 ICD-10-PCS update).
     */
    default Optional<CodeEntry> find(CodeSystem system, String code, LocalDate dischargeDate) {
        return find(system, code, FiscalYear.of(dischargeDate));
    }

    /**
     * Whether the code may be reported for a stay discharged on that date: it exists in that
     * fiscal year's set and is billable (a header code is never valid on a claim).
     */
    default boolean isValid(CodeSystem system, String code, LocalDate dischargeDate) {
        return find(system, code, dischargeDate).map(CodeEntry::billable).orElse(false);
    }

    /** The name of the set in force on the date: "FY2026", or "FY2026 + April 1, 2026 update". */
    default String releaseName(CodeSystem system, LocalDate dischargeDate) {
        return "FY" + FiscalYear.of(dischargeDate);
    }

    /** The sets loaded, by system and fiscal year. */
    List<CodeSetSummary> loaded();

    /** The newest loaded fiscal year of the system not after {@code fiscalYear}, if any. */
    default Optional<Integer> latestLoaded(CodeSystem system, int fiscalYear) {
        return loaded().stream().filter(s -> s.system() == system && s.fiscalYear() <= fiscalYear)
                .map(CodeSetSummary::fiscalYear).max(Integer::compare);
    }
}
