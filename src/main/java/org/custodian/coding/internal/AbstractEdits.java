package org.custodian.coding.internal;

import static org.custodian.coding.CodingEdit.Severity.ERROR;
import static org.custodian.coding.CodingEdit.Severity.WARNING;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.custodian.coding.CodeEntry;
import org.custodian.coding.CodeSets;
import org.custodian.coding.CodeSystem;
import org.custodian.coding.CodingEdit;
import org.custodian.coding.FiscalYear;
import org.custodian.coding.ReferenceList;
import org.springframework.stereotype.Component;

/**
 * The edits run on every save of an abstract. Sources: the code set of the discharge date's fiscal
 * year (validity, billable), the Medicare Code Editor (MCE) lists (age, sex, manifestation,
 * unacceptable principal, questionable admission), MCE's logic sections (external cause as
 * principal, duplicate of the principal) and the POA-exempt list with CMS's POA reporting rules
 * (POA reporting on inpatient claims: Deficit Reduction Act of 2005 section 5001(c); the
 * indicators and the exempt list: ICD-10-CM Official Guidelines for Coding and Reporting, Appendix I).
 */
@Component
class AbstractEdits {

    /** The stay the abstract describes: what the edits need of the chart and the registration. */
    record Stay(LocalDate admitDate, LocalDate dischargeDate, boolean inpatient, int age, String sex) {
    }

    static final Set<String> POA_VALUES = Set.of("Y", "N", "U", "W", "1");

    private final CodeSets codeSets;
    private final JdbcReferenceLists lists;

    AbstractEdits(CodeSets codeSets, JdbcReferenceLists lists) {
        this.codeSets = codeSets;
        this.lists = lists;
    }

    int setYear(CodeSystem system, int dischargeFy) {
        return codeSets.latestLoaded(system, dischargeFy).orElse(dischargeFy);
    }

    /** The versions of the lists the edits use now, to show beside them. */
    List<String> versions(LocalDate dischargeDate) {
        List<String> v = new ArrayList<>();
        int fy = FiscalYear.of(dischargeDate);
        v.add("ICD-10-CM FY" + setYear(CodeSystem.ICD10CM, fy));
        v.add("ICD-10-PCS FY" + setYear(CodeSystem.ICD10PCS, fy));
        for (ReferenceList l : lists.inForce()) {
            v.add(label(l.list(), l.version()));
        }
        return v;
    }

    private static String label(String list, String version) {
        return switch (list) {
            case ReferenceList.POA_EXEMPT -> "POA-exempt list " + version;
            default -> version;
        };
    }

    List<CodingEdit> run(AbstractInput in, Stay stay) {
        List<CodingEdit> edits = new ArrayList<>();
        int dischargeFy = FiscalYear.of(stay.dischargeDate());
        // The set of the discharge's fiscal year; when CMS's next set is not loaded yet, the newest
        // before it, and the coder is told (load-codes adds it without a release).
        int fy = setYear(CodeSystem.ICD10CM, dischargeFy);
        int pcsFy = setYear(CodeSystem.ICD10PCS, dischargeFy);
        String cmSet = "ICD-10-CM FY" + fy;
        String pcsSet = "ICD-10-PCS FY" + pcsFy;
        if (fy != dischargeFy || pcsFy != dischargeFy) {
            edits.add(new CodingEdit("CODE_SET_NOT_LOADED", WARNING, "dischargeDate", null, "The FY" + dischargeFy
                    + " code sets are not loaded; codes are checked against " + cmSet + " and " + pcsSet + ".", cmSet));
        }

        // Every code of the abstract, with its field name, in order: principal first.
        List<Slot> dx = new ArrayList<>();
        if (in.principalDiagnosis() != null) {
            dx.add(new Slot("principalDiagnosis", in.principalDiagnosis().code(), in.principalDiagnosis().poa(), null));
        }
        for (int i = 0; i < in.secondaries().size(); i++) {
            AbstractInput.Diagnosis d = in.secondaries().get(i);
            dx.add(new Slot("secondaryDiagnoses[" + i + "]", d.code(), d.poa(), null));
        }
        List<Slot> px = new ArrayList<>();
        if (in.principalProcedure() != null) {
            px.add(new Slot("principalProcedure", in.principalProcedure().code(), null, in.principalProcedure().date()));
        }
        for (int i = 0; i < in.others().size(); i++) {
            AbstractInput.Procedure p = in.others().get(i);
            px.add(new Slot("otherProcedures[" + i + "]", p.code(), null, p.date()));
        }
        if (in.principalDiagnosis() == null) {
            edits.add(new CodingEdit("PRINCIPAL_DIAGNOSIS_MISSING", ERROR, "principalDiagnosis", null,
                    "A principal diagnosis is required (UHDDS: the condition established after study to be chiefly "
                            + "responsible for the admission).", "UHDDS"));
        }
        if (in.principalProcedure() == null && !in.others().isEmpty()) {
            edits.add(new CodingEdit("PRINCIPAL_PROCEDURE_MISSING", ERROR, "principalProcedure", null,
                    "Other procedures are listed without a principal procedure.", "UHDDS"));
        }

        Set<String> all = new HashSet<>();
        dx.forEach(s -> all.add(s.code));
        px.forEach(s -> all.add(s.code));
        Map<String, List<JdbcReferenceLists.Listed>> listed = lists.lookup(all);

        // 1. Invalid or non-billable for the discharge date (MCE section 1; code set by fiscal year).
        Map<String, CodeEntry> found = new HashMap<>();
        for (Slot s : dx) {
            validity(edits, s, CodeSystem.ICD10CM, fy, cmSet, found);
        }
        for (Slot s : px) {
            validity(edits, s, CodeSystem.ICD10PCS, pcsFy, pcsSet, found);
        }

        // 2. Duplicates: a secondary equal to the principal is MCE section 3 (an error); other repeats
        // add nothing to the claim (a warning). A procedure repeated on another date may be real.
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < dx.size(); i++) {
            Slot s = dx.get(i);
            if (!seen.add(s.code)) {
                boolean ofPrincipal = in.principalDiagnosis() != null && s.code.equals(dx.get(0).code);
                edits.add(new CodingEdit(ofPrincipal ? "DUPLICATE_OF_PRINCIPAL" : "DUPLICATE_DIAGNOSIS",
                        ofPrincipal ? ERROR : WARNING, s.field, s.dotted(CodeSystem.ICD10CM),
                        ofPrincipal ? "The secondary diagnosis repeats the principal diagnosis." : "The diagnosis is listed twice.",
                        ofPrincipal ? "MCE section 3" : cmSet));
            }
        }
        Set<String> seenPx = new HashSet<>();
        for (Slot s : px) {
            if (!seenPx.add(s.code + "|" + s.date)) {
                edits.add(new CodingEdit("DUPLICATE_PROCEDURE", WARNING, s.field, s.code,
                        "The procedure is listed twice with the same date.", pcsSet));
            }
        }

        // 3. POA: required on every inpatient diagnosis not on the exempt list; Y, N, U, W or 1 only;
        // an exempt code is reported blank (or 1), never with Y/N/U/W.
        for (Slot s : dx) {
            Optional<JdbcReferenceLists.Listed> exempt = first(listed, s.code, ReferenceList.POA_EXEMPT, null);
            String poa = s.poa == null ? "" : s.poa.trim().toUpperCase();
            String exemptSource = exempt.map(l -> "POA-exempt list " + l.version()).orElse(poaListLabel());
            if (!poa.isEmpty() && !POA_VALUES.contains(poa)) {
                edits.add(new CodingEdit("POA_INVALID", ERROR, s.field, s.dotted(CodeSystem.ICD10CM),
                        "POA indicator '" + s.poa + "' is not one of Y, N, U, W, 1.", "CMS POA reporting (ICD-10-CM Guidelines, Appendix I)"));
            } else if (exempt.isPresent()) {
                if (!poa.isEmpty() && !poa.equals("1")) {
                    edits.add(new CodingEdit("POA_ON_EXEMPT_CODE", WARNING, s.field, s.dotted(CodeSystem.ICD10CM),
                            "The code is exempt from POA reporting: leave the indicator blank.", exemptSource));
                }
            } else if (stay.inpatient()) {
                if (poa.isEmpty()) {
                    edits.add(new CodingEdit("POA_MISSING", ERROR, s.field, s.dotted(CodeSystem.ICD10CM),
                            "A POA indicator (Y, N, U, W) is required on this inpatient diagnosis.", exemptSource));
                } else if (poa.equals("1")) {
                    edits.add(new CodingEdit("POA_INVALID", ERROR, s.field, s.dotted(CodeSystem.ICD10CM),
                            "POA '1' is only for codes on the exempt list; this code is not exempt.", exemptSource));
                }
            }
        }

        // 4. Principal diagnosis edits.
        if (in.principalDiagnosis() != null) {
            Slot p = dx.get(0);
            String first = p.code.isEmpty() ? "" : p.code.substring(0, 1);
            if (Set.of("V", "W", "X", "Y").contains(first)) {
                edits.add(new CodingEdit("EXTERNAL_CAUSE_AS_PRINCIPAL", ERROR, p.field, p.dotted(CodeSystem.ICD10CM),
                        "An external cause code (V00-Y99) cannot be the principal diagnosis.", "MCE section 2"));
            }
            first(listed, p.code, ReferenceList.MCE, "Principal_Manifestation").ifPresent(l -> edits.add(new CodingEdit(
                    "MANIFESTATION_AS_PRINCIPAL", ERROR, p.field, p.dotted(CodeSystem.ICD10CM),
                    "A manifestation code cannot be principal: sequence the underlying condition first.", l.version())));
            // The MCE's unacceptable-principal and questionable-admission lists judge inpatient claims. An
            // outpatient visit's first-listed diagnosis follows the Official Guidelines section IV, where
            // Z00.00 (a wellness visit), Z34.90 (prenatal care) or Z09 (a follow-up) are right first.
            if (stay.inpatient()) {
                first(listed, p.code, ReferenceList.MCE, "Principal_Unacceptable").ifPresent(l -> edits.add(new CodingEdit(
                        "UNACCEPTABLE_PRINCIPAL", ERROR, p.field, p.dotted(CodeSystem.ICD10CM),
                        "The code is unacceptable as a principal diagnosis.", l.version())));
                first(listed, p.code, ReferenceList.MCE, "Principal_Questionable_Admit").ifPresent(l -> edits.add(new CodingEdit(
                        "QUESTIONABLE_ADMISSION", WARNING, p.field, p.dotted(CodeSystem.ICD10CM),
                        "As principal, the diagnosis is a questionable reason for inpatient admission.", l.version())));
            }
        }

        // 5. Age and sex conflicts (MCE sections 4 and 5). Warnings: the coder verifies the age, sex or
        // code with the record; the code may be right (a 56-year-old pregnancy, a transgender patient).
        for (Slot s : dx) {
            for (JdbcReferenceLists.Listed l : listed.getOrDefault(s.code, List.of())) {
                if (!l.list().equals(ReferenceList.MCE) || !l.codeType().equals("D")) {
                    continue;
                }
                ageConflict(l.category(), stay.age()).ifPresent(range -> edits.add(new CodingEdit("AGE_CONFLICT", WARNING,
                        s.field, s.dotted(CodeSystem.ICD10CM), "The diagnosis is for " + range + "; the patient was "
                        + stay.age() + " at admission.", l.version())));
                sexConflict(l.category(), stay.sex()).ifPresent(who -> edits.add(new CodingEdit("SEX_CONFLICT", WARNING,
                        s.field, s.dotted(CodeSystem.ICD10CM), "The diagnosis is for " + who + " only; the patient's sex is "
                        + stay.sex() + ".", l.version())));
            }
        }
        for (Slot s : px) {
            for (JdbcReferenceLists.Listed l : listed.getOrDefault(s.code, List.of())) {
                if (l.list().equals(ReferenceList.MCE) && l.codeType().equals("P")) {
                    sexConflict(l.category(), stay.sex()).ifPresent(who -> edits.add(new CodingEdit("SEX_CONFLICT", WARNING,
                            s.field, s.code, "The procedure is for " + who + " only; the patient's sex is " + stay.sex() + ".",
                            l.version())));
                }
            }
        }

        // 6. Procedure dates: required on the claim (UB-04 FL74), and within the stay.
        for (Slot s : px) {
            if (s.date == null) {
                edits.add(new CodingEdit("PROCEDURE_DATE_MISSING", ERROR, s.field, s.code,
                        "The procedure needs its date.", "UB-04 FL74"));
            } else if (s.date.isBefore(stay.admitDate()) || s.date.isAfter(stay.dischargeDate())) {
                edits.add(new CodingEdit("PROCEDURE_DATE_OUTSIDE_STAY", WARNING, s.field, s.code,
                        "The procedure date " + s.date + " is outside the stay (" + stay.admitDate() + " to "
                                + stay.dischargeDate() + ").", "UB-04 FL74"));
            }
        }
        return edits;
    }

    private String poaListLabel() {
        return lists.inForce().stream().filter(l -> l.list().equals(ReferenceList.POA_EXEMPT))
                .map(l -> "POA-exempt list " + l.version()).findFirst().orElse("POA-exempt list (not loaded)");
    }

    private void validity(List<CodingEdit> edits, Slot s, CodeSystem system, int fy, String set, Map<String, CodeEntry> found) {
        Optional<CodeEntry> entry = codeSets.find(system, s.code, fy);
        if (entry.isEmpty()) {
            edits.add(new CodingEdit("INVALID_CODE", ERROR, s.field, s.dotted(system),
                    "Not a " + system.title() + " code for a discharge in FY" + fy + ".", set));
        } else if (!entry.get().billable()) {
            edits.add(new CodingEdit("NON_BILLABLE_CODE", ERROR, s.field, s.dotted(system),
                    "A header code: more characters are needed (" + entry.get().shortDescription() + ").", set));
        } else {
            found.put(s.code, entry.get());
        }
    }

    private static Optional<JdbcReferenceLists.Listed> first(Map<String, List<JdbcReferenceLists.Listed>> listed,
            String code, String list, String category) {
        return listed.getOrDefault(code, List.of()).stream()
                .filter(l -> l.list().equals(list) && (category == null || l.category().equals(category))).findFirst();
    }

    /** MCE section 4: newborn 0, pediatric 0-17, maternity 12-55, adult 15-124 years. */
    static Optional<String> ageConflict(String category, int age) {
        return switch (category) {
            case "Newborn_Only" -> age == 0 ? Optional.empty() : Optional.of("newborns (age 0)");
            case "Pediatric_Only" -> age <= 17 ? Optional.empty() : Optional.of("children (age 0-17)");
            case "Maternity_Only" -> age >= 12 && age <= 55 ? Optional.empty() : Optional.of("maternity (age 12-55)");
            case "Adult_Only" -> age >= 15 && age <= 124 ? Optional.empty() : Optional.of("adults (age 15-124)");
            default -> Optional.empty();
        };
    }

    /** MCE section 5, against the registered administrative sex; unknown or other sex raises none. */
    static Optional<String> sexConflict(String category, String sex) {
        if (category.equals("Female_Only") && "M".equals(sex)) {
            return Optional.of("females");
        }
        if (category.equals("Male_Only") && "F".equals(sex)) {
            return Optional.of("males");
        }
        return Optional.empty();
    }

    private record Slot(String field, String code, String poa, LocalDate date) {
        Slot {
            code = CodeSystem.normalize(code);
        }

        String dotted(CodeSystem system) {
            return system.dotted(code);
        }
    }
}
