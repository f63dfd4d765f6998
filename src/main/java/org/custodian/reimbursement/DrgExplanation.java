package org.custodian.reimbursement;

import java.util.List;

/**
 * Why a claim grouped where it did.
 *
 * @param mdcReason    the MDC and why (principal diagnosis, sex-specific table, pre-MDC re-route, …)
 * @param formula      the DRG formula row that fired: "MDC 5 rank 51: MCC &amp; pacemake → DRG 242"
 * @param drgTitle     title of the final DRG
 * @param secondaries  each secondary diagnosis's role in the final grouping
 * @param procedures   each procedure's O.R. flag
 * @param severityNote for the CC/MCC that set the severity, "without this diagnosis the DRG would be N";
 *                     for a HAC not present on admission, the initial and final DRG (empty when neither)
 */
public record DrgExplanation(String mdcReason, String formula, String drgTitle, List<DiagnosisRole> secondaries,
        List<ProcedureRole> procedures, List<String> severityNote) {

    /**
     * @param role CC, MCC, CC_EXCLUDED (by the principal), MCC_EXCLUDED, CC_EXCLUDED_BY_DRG_LOGIC,
     *             MCC_EXCLUDED_BY_DRG_LOGIC, HAC (a CC/MCC not present on admission that the HAC
     *             rule removed), MCC_DIED (an MCC only if discharged alive), NONE, or UNKNOWN_CODE
     * @param withoutDrg the final DRG if this diagnosis were left off (0 when not computed)
     */
    public record DiagnosisRole(String code, String poa, String role, int withoutDrg, String detail) {
    }

    /** @param orProcedure an operating-room procedure (in the DRG's MDC) */
    public record ProcedureRole(String code, boolean orProcedure, boolean known) {
    }
}
