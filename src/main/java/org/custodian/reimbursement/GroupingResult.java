package org.custodian.reimbursement;

/**
 * What the grouper answers for one claim, in the vocabulary of CMS's grouper output.
 *
 * @param version         grouper version used ("43.0" or "43.1")
 * @param finalDrg        the MS-DRG after the HAC-POA adjustment (e.g. 291)
 * @param initialDrg      the MS-DRG with every diagnosis treated as present on admission
 * @param finalMdc        major diagnostic category of the final DRG (0 for DRG 999)
 * @param initialMdc      MDC of the initial grouping
 * @param medicalSurgical MEDICAL, SURGICAL or NONE (998, 999)
 * @param severity        MCC, CC, NON_CC or NONE: the severity level the final DRG used
 * @param returnCode      OK, or why the claim could not be grouped (DX_CANNOT_BE_PDX, INVALID_PDX,
 *                        INVALID_SEX, INVALID_DISCHARGE_STATUS, UNGROUPABLE, HAC_MISSING_ONE_POA: a
 *                        hospital-acquired condition coded without a valid POA indicator)
 * @param initialReturnCode the initial grouping's return code
 * @param hacStatus       NOT_APPLICABLE, FINAL_DRG_CHANGES, FINAL_DRG_NO_CHANGE or FINAL_DRG_UNGROUPABLE
 * @param explanation     why: the MDC, the formula row, each diagnosis's and procedure's role
 */
public record GroupingResult(String version, int finalDrg, int initialDrg, int finalMdc, int initialMdc,
        String medicalSurgical, String severity, String returnCode, String initialReturnCode, String hacStatus,
        DrgExplanation explanation) {

    /** The DRG as CMS writes it, three digits ("001"). */
    public static String drgCode(int drg) {
        return drg < 10 ? "00" + drg : drg < 100 ? "0" + drg : Integer.toString(drg);
    }
}
