package org.custodian.reimbursement;

import java.math.BigDecimal;

/**
 * What Medicare is expected to pay for a stay's MS-DRG: relative weight × the hospital's blended base rate
 * (operating + capital) for the discharge's fiscal year, rounded to cents (half up). Outliers, IME, DSH,
 * transfers and new-technology add-ons are not included.
 *
 * @param drg     three digits ("291")
 * @param weight  the DRG's relative weight
 * @param rate    the base rate used, with its source
 * @param amount  weight × rate.blended(), in dollars, two decimals
 * @param formula the arithmetic in words: "1.2838 × ($6,752.61 operating + $524.15 capital = $7,276.76) = $9,341.91"
 */
public record ExpectedPayment(String drg, BigDecimal weight, BaseRate rate, BigDecimal amount, String formula) {
}
