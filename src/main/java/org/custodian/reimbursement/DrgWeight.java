package org.custodian.reimbursement;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One MS-DRG's row of the IPPS final rule's Table 5 (FY2026 for MS-DRG v43).
 *
 * @param drg    three digits as CMS writes it ("291")
 * @param mdc    the MDC ("05", "PRE" for pre-MDC, blank for 998/999)
 * @param type   MED or SURG (blank for 998/999)
 * @param title  the DRG's title
 * @param weight relative weight (four decimals)
 * @param gmlos  geometric mean length of stay in days
 * @param amlos  arithmetic mean length of stay in days, or null where the shipped table does not carry it
 */
public record DrgWeight(String drg, String mdc, String type, String title, BigDecimal weight, BigDecimal gmlos,
        BigDecimal amlos) {

    public DrgWeight {
        Objects.requireNonNull(drg, "drg");
        Objects.requireNonNull(weight, "weight");
        title = title == null ? "" : title;
    }

    /** The DRG as a number (291). */
    public int number() {
        return Integer.parseInt(drg);
    }
}
