package org.custodian.coding;

import java.time.LocalDate;

/**
 * The federal fiscal year CMS versions ICD-10-CM/PCS by: FY N runs from 1 October N-1 to
 * 30 September N, and an inpatient stay is coded with the set in force on its discharge date.
 */
public final class FiscalYear {

    private FiscalYear() {
    }

    public static int of(LocalDate date) {
        return date.getMonthValue() >= 10 ? date.getYear() + 1 : date.getYear();
    }

    public static LocalDate start(int fiscalYear) {
        return LocalDate.of(fiscalYear - 1, 10, 1);
    }

    public static LocalDate end(int fiscalYear) {
        return LocalDate.of(fiscalYear, 9, 30);
    }
}
