package org.custodian.coding.internal;

import java.math.BigDecimal;
import java.util.List;

/**
 * The MS-DRG of an inpatient abstract as the page and the JSON show it, computed on every open and
 * save with the reimbursement module's grouper: "working" while the abstract is in progress, "final"
 * once it is finalized. When no DRG can be given, {@code drg} is null and {@code message} says why
 * ("MS-DRG applies to inpatient stays", "grouper v44 not loaded", "no principal diagnosis yet").
 *
 * @param stage           "working" or "final" (null without a DRG)
 * @param message         why there is no DRG, or null
 * @param version         grouper version used ("43.0", "43.1")
 * @param drg             the final MS-DRG, three digits ("193")
 * @param title           its title
 * @param mdc             the major diagnostic category (0 for pre-MDC and 998/999)
 * @param type            "medical", "surgical" or "neither"
 * @param severity        "with MCC", "with CC", "without CC/MCC" or "no severity split"
 * @param initialDrg      the DRG with every diagnosis present on admission (differs when a HAC applies)
 * @param returnCode      the grouper's return code, in words ("OK" when grouped)
 * @param weight          relative weight (Table 5)
 * @param gmlos           geometric mean length of stay, days
 * @param lengthOfStay    the actual length of stay, days (Medicare count)
 * @param expectedPayment weight × the fiscal year's blended base rate, in dollars
 * @param payment         the expected payment as text ("$9,341.91"), or null
 * @param paymentFormula  the arithmetic, with the rate's source
 * @param paymentProblem  why there is no payment ("no base rate for FY2027 …"), or null
 * @param mdcReason       why this MDC
 * @param formula         the DRG formula that fired
 * @param secondaries     each secondary diagnosis's role
 * @param notes           "without this diagnosis the DRG would be N", HAC notes
 */
public record AbstractDrg(String stage, String message, String version, String drg, String title, Integer mdc,
        String type, String severity, String initialDrg, String returnCode, BigDecimal weight, BigDecimal gmlos,
        Long lengthOfStay, BigDecimal expectedPayment, String payment, String paymentFormula, String paymentProblem,
        String rateSource, String mdcReason, String formula, List<Role> secondaries, List<String> notes) {

    /** No DRG, and why. */
    static AbstractDrg none(String message) {
        return new AbstractDrg(null, message, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, List.of(), List.of());
    }

    public boolean grouped() {
        return drg != null;
    }

    /**
     * A secondary diagnosis's part in the grouping.
     *
     * @param role       in words: "MCC", "CC", "excluded by the principal", "HAC (not present on admission)", "none"
     * @param withoutDrg "without this diagnosis the DRG would be N" when it set the severity, else null
     */
    public record Role(String code, String poa, String role, String withoutDrg, String detail) {
    }
}
