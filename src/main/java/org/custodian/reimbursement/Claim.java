package org.custodian.reimbursement;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One inpatient stay as the grouper sees it. Codes are written without dots (ICD-10-CM, ICD-10-PCS).
 *
 * @param age             age in years at admission
 * @param sex             "M", "F" (or "1", "2"); anything else is an unknown sex
 * @param dischargeStatus the UB-04 patient discharge status, two digits ("01", "20", …)
 * @param dischargeDate   chooses the grouper version
 * @param principalDx     principal diagnosis (present on admission by definition)
 * @param secondaryDx     secondary diagnoses with their present-on-admission indicator
 * @param procedures      ICD-10-PCS procedure codes, principal first
 */
public record Claim(int age, String sex, String dischargeStatus, LocalDate dischargeDate, String principalDx,
        List<SecondaryDx> secondaryDx, List<String> procedures) {

    public Claim {
        Objects.requireNonNull(dischargeDate, "dischargeDate");
        Objects.requireNonNull(principalDx, "principalDx");
        principalDx = code(principalDx);
        sex = sex == null ? "" : sex.trim().toUpperCase();
        dischargeStatus = dischargeStatus == null ? "" : dischargeStatus.trim();
        secondaryDx = secondaryDx == null ? List.of() : List.copyOf(secondaryDx);
        procedures = procedures == null ? List.of() : procedures.stream().map(Claim::code).toList();
    }

    /** A code as the tables write it: no dot, no spaces, upper case ("I46.2" → "I462"). */
    static String code(String c) {
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (ch == '.' || ch == ' ' || (ch >= 'a' && ch <= 'z')) {
                return c.replace(".", "").trim().toUpperCase();
            }
        }
        return c;
    }

    /**
     * A secondary diagnosis and its POA indicator: Y, W (present), N, U (not present), or blank/1/E (no
     * usable indicator: treated as present for the CC/MCC, but a hospital-acquired condition coded
     * without one leaves the final DRG ungroupable, HAC_MISSING_ONE_POA, as CMS's grouper does for a
     * hospital not exempt from POA reporting).
     */
    public record SecondaryDx(String code, String poa) {
        public SecondaryDx {
            code = Claim.code(Objects.requireNonNull(code, "code"));
            poa = poa == null ? "" : poa.trim().toUpperCase();
        }

        /** A POA indicator the HAC logic can use: Y, W, N or U. */
        public boolean poaReported() {
            return switch (poa) {
                case "Y", "W", "N", "U" -> true;
                default -> false;
            };
        }

        /** Not present on admission (N or U): a hospital-acquired condition may then apply. */
        public boolean notPresentOnAdmission() {
            return "N".equals(poa) || "U".equals(poa);
        }
    }
}
