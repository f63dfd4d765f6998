package org.custodian.reimbursement.internal.mce;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.custodian.reimbursement.Claim;
import org.custodian.reimbursement.McEdit;

/**
 * The Medicare Code Editor's edits over the MCE 43.1 flags. Numbers and names are those of CMS's
 * "Definitions of Medicare Code Edits" (edits 1–20). Where the flags alone do not say when an edit
 * fires, the rule's source is written beside it.
 *
 * <p>Not evaluated: 5 sex conflict in practice (deactivated by CMS from 2024-10-01, no sex flags in the
 * tables; the rule stays for flags that say MALE/FEMALE); 7 non-specific principal diagnosis, 10 non-specific O.R. procedure and 12 open
 * biopsy check (discontinued by CMS: no code carries them in v43); 13 bilateral procedure (no
 * ICD-10 list in the tables); 19 only when the length of stay is given. The admitting diagnosis is
 * not on {@link Claim} and is not edited. The flags DELOUT (Z37 outcome of delivery), VAGDEL and CSECT
 * (delivery procedures) and CLINTRIAL (Z00.6) are read but drive no edit: the edit they belong to was
 * not confirmed from the manual, and an unconfirmed rule is not guessed at.
 */
public final class MceEngine {

    // --- numbers and names: CMS, Definitions of Medicare Code Edits, chapter 1 (edit code lists) ---
    static final int INVALID_CODE = 1;
    static final int EXTERNAL_CAUSE_PDX = 2;
    static final int DUPLICATE_PDX = 3;
    static final int AGE_CONFLICT = 4;
    static final int SEX_CONFLICT = 5;
    static final int MANIFESTATION_PDX = 6;
    static final int QUESTIONABLE_ADMISSION = 8;
    static final int UNACCEPTABLE_PDX = 9;
    static final int NON_COVERED = 11;
    static final int INVALID_AGE = 14;
    static final int INVALID_SEX = 15;
    static final int INVALID_DISCHARGE_STATUS = 16;
    static final int LIMITED_COVERAGE = 17;
    static final int WRONG_PROCEDURE = 18;
    static final int PROCEDURE_INCONSISTENT_WITH_LOS = 19;
    static final int UNSPECIFIED_CODE = 20;

    /** The MCE's age limits (edit 14): ages 0 through 124 inclusive are valid. */
    static final int MAX_AGE = 124;
    /** NCOV_F (lumbar artificial disc replacement) is non-covered for patients over 60 (NCD 150.10; MCE edit 11). */
    static final int NCOV_F_MAX_AGE = 60;
    /** LOS flag (5A1955Z, ventilation greater than 96 consecutive hours) needs a stay of at least 4 days (edit 19). */
    static final int LOS_MIN_DAYS = 4;

    private final MceTables t;

    public MceEngine(MceTables tables) {
        this.t = tables;
    }

    public List<McEdit> edit(Claim c) {
        return edit(c, null);
    }

    /**
     * @param lengthOfStay days from admission to discharge, or null when not known (edit 19 is then
     *                     not evaluated)
     */
    public List<McEdit> edit(Claim c, Integer lengthOfStay) {
        LocalDate on = c.dischargeDate();
        List<McEdit> out = new ArrayList<>();

        // 14 Invalid age: outside 0–124. The age-conflict edit (4) needs a valid age and is then skipped.
        boolean ageValid = c.age() >= 0 && c.age() <= MAX_AGE;
        if (!ageValid) {
            out.add(new McEdit(INVALID_AGE, "Invalid age", Integer.toString(c.age()), "AGE",
                    "age " + c.age() + " is outside 0–" + MAX_AGE));
        }
        // 15 Invalid sex: the claim's sex is not male (M/1) or female (F/2).
        int sex = switch (c.sex()) {
            case "M", "1" -> 1;
            case "F", "2" -> 2;
            default -> 0;
        };
        if (sex == 0) {
            out.add(new McEdit(INVALID_SEX, "Invalid sex", c.sex(), "SEX",
                    "sex '" + c.sex() + "' is neither male (M, 1) nor female (F, 2)"));
        }
        // 16 Invalid discharge status: not in mce_discharge_status.tsv on the discharge date.
        if (!validStatus(c.dischargeStatus(), on)) {
            out.add(new McEdit(INVALID_DISCHARGE_STATUS, "Invalid discharge status", c.dischargeStatus(),
                    "DISCHARGE_STATUS", "discharge status '" + c.dischargeStatus() + "' is not valid on " + on));
        }

        // ---- principal diagnosis ----
        String pdx = c.principalDx();
        Set<String> pf = t.dxFlags(pdx, on);
        if (pf == null) {
            out.add(invalid(pdx, "PDX", "diagnosis", on));
        } else {
            if (pf.contains("ECODEPDX")) {
                out.add(new McEdit(EXTERNAL_CAUSE_PDX, "External causes of morbidity codes as principal diagnosis",
                        pdx, "PDX", pdx + " describes the circumstance of an injury and cannot be the principal diagnosis"));
            }
            if (pf.contains("MANIF")) {
                out.add(new McEdit(MANIFESTATION_PDX, "Manifestation code as principal diagnosis", pdx, "PDX",
                        pdx + " is a manifestation: the underlying condition must be sequenced first"));
            }
            if (pf.contains("QADM")) {
                out.add(new McEdit(QUESTIONABLE_ADMISSION, "Questionable admission", pdx, "PDX",
                        pdx + " as principal diagnosis is not usually sufficient to justify an inpatient admission"));
            }
            // 9: REQSDX codes are acceptable as principal only when a secondary diagnosis is coded
            // (manual, edit 9: "acceptable as principal diagnosis when a secondary diagnosis is coded").
            if (pf.contains("UNACCEPTABLE") && !(pf.contains("REQSDX") && !c.secondaryDx().isEmpty())) {
                out.add(new McEdit(UNACCEPTABLE_PDX, "Unacceptable principal diagnosis", pdx, "PDX",
                        pdx + (pf.contains("REQSDX") ? " is acceptable as principal only with a secondary diagnosis"
                                : " is not acceptable as principal diagnosis")));
            }
            diagnosisEdits(c, pdx, "PDX", pf, ageValid, sex, on, out);
        }

        // ---- secondary diagnoses ----
        List<Set<String>> sdxFlags = new ArrayList<>();
        for (Claim.SecondaryDx s : c.secondaryDx()) {
            Set<String> f = t.dxFlags(s.code(), on);
            sdxFlags.add(f);
            if (s.code().equals(pdx)) {
                out.add(new McEdit(DUPLICATE_PDX, "Duplicate of PDX", s.code(), "SDX",
                        s.code() + " is coded as both principal and secondary diagnosis"));
            }
            if (f == null) {
                out.add(invalid(s.code(), "SDX", "diagnosis", on));
            } else {
                diagnosisEdits(c, s.code(), "SDX", f, ageValid, sex, on, out);
            }
        }

        // ---- procedures ----
        boolean dxNcovB = has(pf, sdxFlags, "NCOV_B");
        boolean dxNcovD = has(pf, sdxFlags, "NCOV_D");
        boolean dxNcovG = has(pf, sdxFlags, "NCOV_G");
        boolean kidneyTransplant = false;
        for (String p : c.procedures()) {
            Set<String> f = t.prFlags(p, on);
            kidneyTransplant |= f != null && f.contains("NCOV_B_KXP");
        }
        for (String p : c.procedures()) {
            Set<String> f = t.prFlags(p, on);
            if (f == null) {
                out.add(invalid(p, "PROC", "procedure", on));
                continue;
            }
            String why = null;
            if (f.contains("NCOV_A")) {
                why = p + " is never covered by Medicare";
            } else if (f.contains("NCOV_B_PXP") && !kidneyTransplant && !dxNcovB) {
                // Pancreas transplant: covered only with a kidney transplant on the same claim or with a
                // diagnosis of type I diabetes (NCOV_B diagnoses); manual edit 11, NCD 260.3.
                why = p + " (pancreas transplant) is covered only with a kidney transplant or type I diabetes";
            } else if (f.contains("NCOV_D") && dxNcovD) {
                // Stem cell / bone marrow transplant with a principal or secondary diagnosis of acute
                // leukemia not in remission (NCOV_D diagnoses); manual edit 11, NCD 110.23.
                why = p + " is non-covered with a diagnosis of acute leukemia not in remission";
            } else if (f.contains("NCOV_F") && c.age() > NCOV_F_MAX_AGE) {
                // Lumbar artificial disc replacement for patients over 60; manual edit 11, NCD 150.10.
                why = p + " (lumbar artificial disc) is non-covered for patients over " + NCOV_F_MAX_AGE;
            } else if (f.contains("NCOV_G") && dxNcovG) {
                // Sterilization with a diagnosis of encounter for sterilization (Z30.2, NCOV_G), in any
                // position; manual edit 11 (NCD 230.3: sterilization for contraception is not covered).
                why = p + " (sterilization) is non-covered with an encounter for sterilization";
            }
            if (why != null) {
                out.add(new McEdit(NON_COVERED, "Non-covered procedure", p, "PROC", why));
            }
            if (f.contains("LCOV")) {
                out.add(new McEdit(LIMITED_COVERAGE, "Limited coverage", p, "PROC",
                        p + " is covered only in limited circumstances (coverage criteria apply)"));
            }
            // 19: 5A1955Z (ventilation > 96 consecutive hours) with a stay shorter than 4 days.
            if (f.contains("LOS") && lengthOfStay != null && lengthOfStay < LOS_MIN_DAYS) {
                out.add(new McEdit(PROCEDURE_INCONSISTENT_WITH_LOS, "Procedure inconsistent with length of stay", p,
                        "PROC", p + " needs at least " + LOS_MIN_DAYS + " days; the stay was " + lengthOfStay));
            }
        }
        out.sort(Comparator.comparingInt(McEdit::number));
        return List.copyOf(out);
    }

    /** The edits that apply to a diagnosis in any position: 4, 5, 18, 20. */
    private void diagnosisEdits(Claim c, String code, String field, Set<String> f, boolean ageValid, int sex,
            LocalDate on, List<McEdit> out) {
        if (ageValid) {
            for (String[] cat : new String[][] {{"NEWBORN", "Newborn"}, {"PEDIATRIC", "Pediatric"},
                {"MATERNITY", "Maternity"}, {"ADULT", "Adult"}}) {
                if (f.contains(cat[0])) {
                    MceTables.AgeRange r = t.ageRange(cat[1], on);
                    if (r != null && (c.age() < r.startAge() || c.age() > r.endAge())) {
                        out.add(new McEdit(AGE_CONFLICT, "Age conflict", code, field,
                                code + " is a " + cat[1].toLowerCase() + " diagnosis (age " + r.startAge() + "–"
                                        + r.endAge() + "); the patient is " + c.age()));
                    }
                }
            }
        }
        // 5: the diagnosis and procedure sex lists. CMS deactivated the sex-conflict edit for discharges
        // from 2024-10-01 (MCE v42; vendor lists of MCE edits mark it "deactivated as of 10/01/2024"), and
        // the MCE 43.1 rows of formerly sex-specific codes (N40.0, C61, C56.1, from 2024-10-01) carry no
        // MALE/FEMALE flag, so this never fires with the bundled tables; it is kept for tables that carry
        // such flags. An invalid sex (15) is not also a conflict.
        if (sex != 0 && (f.contains("MALE") && sex == 2 || f.contains("FEMALE") && sex == 1)) {
            out.add(new McEdit(SEX_CONFLICT, "Sex conflict", code, field,
                    code + " is for " + (sex == 2 ? "males" : "females") + " only"));
        }
        // 18: Y65.51–Y65.53 (wrong procedure performed) anywhere on the claim.
        if (f.contains("WRNGPROC")) {
            out.add(new McEdit(WRONG_PROCEDURE, "Wrong procedure performed", code, field,
                    code + ": a procedure was performed on the wrong patient, site or body part"));
        }
        // 20: an unspecified code (e.g. unspecified laterality) where a specific one exists; CMS added
        // the edit for FY2022 (IPPS final rule), in any diagnosis position.
        if (f.contains("UNSPECIFIED")) {
            out.add(new McEdit(UNSPECIFIED_CODE, "Unspecified code", code, field,
                    code + " is unspecified: a more specific code is available"));
        }
    }

    private static boolean has(Set<String> pf, List<Set<String>> sdx, String flag) {
        if (pf != null && pf.contains(flag)) {
            return true;
        }
        for (Set<String> f : sdx) {
            if (f != null && f.contains(flag)) {
                return true;
            }
        }
        return false;
    }

    private boolean validStatus(String s, LocalDate on) {
        if (s.isEmpty() || s.length() > 2) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return t.validDischargeStatus(Integer.parseInt(s), on);
    }

    private static McEdit invalid(String code, String field, String kind, LocalDate on) {
        return new McEdit(INVALID_CODE, "Invalid diagnosis or procedure code", code, field,
                code + " is not a valid " + kind + " code on " + on);
    }
}
