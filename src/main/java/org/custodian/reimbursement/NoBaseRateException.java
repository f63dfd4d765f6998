package org.custodian.reimbursement;

import org.custodian.Problem;

/**
 * No base rate is configured for the discharge's fiscal year ("no base rate for FY2027"): the stay is
 * never priced with another year's rate instead. Configure
 * {@code custodian.reimbursement.base-rates.FY2027.operating}, {@code .capital} and {@code .source}.
 */
public class NoBaseRateException extends Problem {

    private final int fiscalYear;

    public NoBaseRateException(int fiscalYear) {
        super(422, "no-base-rate", "No base rate", "no base rate for FY" + fiscalYear
                + " (set custodian.reimbursement.base-rates.FY" + fiscalYear + ".operating, .capital and .source)");
        this.fiscalYear = fiscalYear;
    }

    public int fiscalYear() {
        return fiscalYear;
    }
}
