package org.custodian.reimbursement;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The hospital's IPPS base rate for one federal fiscal year: the operating standardized amount and the
 * capital federal rate, as the hospital receives them (after its wage index and other adjustments, if
 * it chooses to configure them so), with where the figures come from.
 *
 * @param fiscalYear federal fiscal year (2026 = discharges from 2025-10-01 to 2026-09-30)
 * @param operating  operating base rate in dollars
 * @param capital    capital base rate in dollars
 * @param source     where the hospital's rate comes from (final rule and table, or the hospital's own figure)
 */
public record BaseRate(int fiscalYear, BigDecimal operating, BigDecimal capital, String source) {

    public BaseRate {
        Objects.requireNonNull(operating, "operating");
        Objects.requireNonNull(capital, "capital");
        if (operating.signum() < 0 || capital.signum() < 0) {
            throw new IllegalArgumentException("FY" + fiscalYear + " base rate: operating and capital must not be negative");
        }
        source = source == null || source.isBlank() ? "not stated" : source.trim();
    }

    /** Operating + capital. */
    public BigDecimal blended() {
        return operating.add(capital);
    }
}
