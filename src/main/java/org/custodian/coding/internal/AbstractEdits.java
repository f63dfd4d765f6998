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
import org.custodian.reimbursement.Claim;
import org.custodian.reimbursement.CodeEditor;
import org.custodian.reimbursement.DrgPricing;
import org.custodian.reimbursement.GrouperVersionNotLoadedException;
import org.custodian.reimbursement.McEdit;
import org.springframework.stereotype.Component;

/**
 * The edits run on every save of an abstract. Sources: the code set of the discharge date's fiscal
 * year (validity, billable), the Medicare Code Editor of the discharge date's version (MCE v43 for
 * FY2026, from the reimbursement module's {@link CodeEditor}: age, sex, manifestation, unacceptable
 * principal, questionable admission, coverage, discharge status), MCE's logic edits (external cause as
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
    private final CodeEditor codeEditor;

    AbstractEdits(CodeSets codeSets, JdbcReferenceLists lists, CodeEditor codeEditor) {
        this.codeSets = codeSets;
        this.lists = lists;
        this.codeEditor = codeEditor;
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
        String mce = mceVersion(dischargeDate);
        v.add(mce.equals("MCE v43") ? mce : mce + " (not loaded)");
        for (ReferenceList l : lists.inForce()) {
            if (l.list().equals(ReferenceList.POA_EXEMPT)) {
                v.add("POA-exempt list " + l.version());
            }
        }
        return v;
    }

    List<CodingEdit> run(AbstractInput in, Stay stay) {
        List<CodingEdit> edits = new ArrayList<>();
        int dischargeFy = FiscalYear.of(stay.dischargeDate());
        // The set of the discharge's fiscal year; when CMS's next set is not loaded yet, the newest
        // before it, and the coder is told (load-codes adds it without a release).
        int fy = setYear(CodeSystem.ICD10CM, dischargeFy);
        int pcsFy = setYear(CodeSystem.ICD10PCS, dischargeFy);
        // Within the discharge's own fiscal year, the set in force on the discharge date (mid-year updates)
        LocalDate asOf = stay.dischargeDate();
        String cmSet = "ICD-10-CM " + (fy == dischargeFy ? codeSets.releaseName(CodeSystem.ICD10CM, asOf) : "FY" + fy);
        String pcsSet = "ICD-10-PCS " + (pcsFy == dischargeFy ? codeSets.releaseName(CodeSystem.ICD10PCS, asOf) : "FY" + pcsFy);
        if (fy != dischargeFy || pcsFy != dischargeFy) {
            edits.add(new CodingEdit("CODE_SET_NOT_LOADED", WARNING, "dischargeDate", null, "The FY" + dischargeFy
                    + " code sets are not loaded; codes are checked against " + cmSet + " and " + pcsSet + ".", cmSet));
        }

        // The POA-exempt list is CMS's per fiscal year; a newer year's not loaded is said, not assumed.
        if (stay.inpatient()) {
            lists.inForce().stream().filter(l -> l.list().equals(ReferenceList.POA_EXEMPT)).findFirst()
                    .filter(l -> l.version().startsWith("FY") && Integer.parseInt(l.version().substring(2)) < dischargeFy)
                    .ifPresent(l -> edits.add(new CodingEdit("POA_EXEMPT_LIST_NOT_LOADED", WARNING, "dischargeDate", null,
                            "The FY" + dischargeFy + " POA-exempt list is not loaded: exempt codes are judged by the "
                                    + l.version() + " list.", "POA-exempt list " + l.version())));
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
            validity(edits, s, CodeSystem.ICD10CM, fy, fy == dischargeFy ? asOf : null, cmSet, found);
        }
        for (Slot s : px) {
            validity(edits, s, CodeSystem.ICD10PCS, pcsFy, pcsFy == dischargeFy ? asOf : null, pcsSet, found);
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

        // 4. External cause as principal (MCE edit 2): logic, not a list, so it holds for every year.
        if (in.principalDiagnosis() != null) {
            Slot p = dx.get(0);
            String first = p.code.isEmpty() ? "" : p.code.substring(0, 1);
            if (Set.of("V", "W", "X", "Y").contains(first)) {
                edits.add(new CodingEdit("EXTERNAL_CAUSE_AS_PRINCIPAL", ERROR, p.field, p.dotted(CodeSystem.ICD10CM),
                        "An external cause code (V00-Y99) cannot be the principal diagnosis.", "MCE edit 2"));
            }
        }

        // 5. The Medicare Code Editor of the discharge date's version (MCE v43 for FY2026): age, sex,
        // manifestation, unacceptable principal, questionable admission, coverage, and the rest.
        mce(edits, in, stay, dx, px);
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

    /** The MCE version of a discharge date: "MCE v43" for FY2026, else the version that is missing. */
    static String mceVersion(LocalDate discharge) {
        if (discharge.isBefore(CodeEditor.V43_FROM)) {
            // CMS numbers the MCE with the grouper: v33 was the first ICD-10 release (FY2016).
            int v = 43 - (FiscalYear.of(CodeEditor.V43_FROM) - FiscalYear.of(discharge));
            return v >= 33 ? "MCE v" + v : "MCE of FY" + FiscalYear.of(discharge);
        }
        return discharge.isBefore(CodeEditor.V44_FROM) ? "MCE v43" : "MCE v" + (44 + FiscalYear.of(discharge) - 2027);
    }

    /**
     * The Medicare Code Editor over the abstract, each finding with its edit number (CMS, "Definitions
     * of Medicare Code Edits"). A discharge whose MCE version is not loaded is said so: no older year's
     * lists are used in its place. Edits 1 and 3 are the code-set and duplicate checks above. On an
     * outpatient visit only the edits about the codes themselves apply (age, sex, manifestation first).
     */
    private void mce(List<CodingEdit> edits, AbstractInput in, Stay stay, List<Slot> dx, List<Slot> px) {
        if (in.principalDiagnosis() == null) {
            return;
        }
        String version = mceVersion(stay.dischargeDate());
        List<McEdit> found;
        try {
            String status = in.dischargeDisposition() == null ? "" : in.dischargeDisposition().trim();
            Claim claim = new Claim(stay.age(), stay.sex(), status, stay.dischargeDate(), dx.get(0).code,
                    dx.subList(1, dx.size()).stream().map(s -> new Claim.SecondaryDx(s.code, s.poa)).toList(),
                    px.stream().map(s -> s.code).toList());
            Integer los = stay.dischargeDate().isBefore(stay.admitDate()) ? null
                    : (int) DrgPricing.lengthOfStay(stay.admitDate(), stay.dischargeDate());
            found = codeEditor.edit(claim, los);
        } catch (GrouperVersionNotLoadedException e) {
            edits.add(new CodingEdit("MCE_NOT_LOADED", WARNING, "dischargeDate", null, version
                    + " is not loaded: the Medicare Code Editor's age, sex, principal diagnosis and coverage edits are not run"
                    + " for this discharge (no other year's lists are used in its place).", version));
            return;
        }
        for (McEdit e : found) {
            boolean codeEdit = e.number() == 4 || e.number() == 5 || e.number() == 6 || e.number() == 14;
            if (!stay.inpatient() && !codeEdit) {
                continue;
            }
            String source = version + " edit " + e.number() + " (" + e.name() + ")";
            Slot slot = slot(e, dx, px);
            String field = slot == null ? fieldOf(e) : slot.field;
            String code = slot == null ? null : e.field().equals("PROC") ? slot.code : slot.dotted(CodeSystem.ICD10CM);
            switch (e.number()) {
                case 4 -> edits.add(new CodingEdit("AGE_CONFLICT", WARNING, field, code, sentence(e.explanation())
                        + " Verify the age or the code with the record.", source));
                case 5 -> edits.add(new CodingEdit("SEX_CONFLICT", WARNING, field, code, sentence(e.explanation()), source));
                case 6 -> edits.add(new CodingEdit("MANIFESTATION_AS_PRINCIPAL", ERROR, field, code,
                        "A manifestation code cannot be principal: sequence the underlying condition first.", source));
                case 8 -> edits.add(new CodingEdit("QUESTIONABLE_ADMISSION", WARNING, field, code,
                        "As principal, the diagnosis is a questionable reason for inpatient admission.", source));
                case 9 -> edits.add(new CodingEdit("UNACCEPTABLE_PRINCIPAL", ERROR, field, code, sentence(e.explanation()), source));
                case 11 -> edits.add(new CodingEdit("NON_COVERED_PROCEDURE", WARNING, field, code, sentence(e.explanation()), source));
                case 14 -> edits.add(new CodingEdit("INVALID_AGE", ERROR, "age", null, "The patient's " + e.explanation()
                        + ": the MCE accepts ages 0 to 124. Verify the date of birth.", source));
                case 15 -> edits.add(new CodingEdit("INVALID_SEX", WARNING, "sex", null, "The registered sex is not male or"
                        + " female: the claim's sex must be M or F for the MCE and the grouper.", source));
                case 16 -> {
                    // A blank status is work in progress; an entered one must be a valid UB-04 code.
                    if (!e.code().isEmpty()) {
                        edits.add(new CodingEdit("INVALID_DISCHARGE_STATUS", ERROR, "dischargeDisposition", e.code(),
                                sentence(e.explanation()), source));
                    }
                }
                case 17 -> edits.add(new CodingEdit("LIMITED_COVERAGE", WARNING, field, code, sentence(e.explanation()), source));
                case 18 -> edits.add(new CodingEdit("WRONG_PROCEDURE", WARNING, field, code, sentence(e.explanation()), source));
                case 19 -> edits.add(new CodingEdit("PROCEDURE_INCONSISTENT_WITH_LOS", WARNING, field, code,
                        sentence(e.explanation()), source));
                case 20 -> edits.add(new CodingEdit("UNSPECIFIED_CODE", WARNING, field, code, sentence(e.explanation()), source));
                default -> {
                    // 1 (invalid code) and 3 (duplicate of the principal) are reported above from the code set.
                }
            }
        }
    }

    private static Slot slot(McEdit e, List<Slot> dx, List<Slot> px) {
        return switch (e.field()) {
            case "PDX" -> dx.get(0);
            case "SDX" -> dx.stream().skip(1).filter(s -> s.code.equals(e.code())).findFirst().orElse(null);
            case "PROC" -> px.stream().filter(s -> s.code.equals(e.code())).findFirst().orElse(null);
            default -> null;
        };
    }

    private static String fieldOf(McEdit e) {
        return switch (e.field()) {
            case "AGE" -> "age";
            case "SEX" -> "sex";
            case "DISCHARGE_STATUS" -> "dischargeDisposition";
            default -> e.field();
        };
    }

    private static String sentence(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }

    private String poaListLabel() {
        return lists.inForce().stream().filter(l -> l.list().equals(ReferenceList.POA_EXEMPT))
                .map(l -> "POA-exempt list " + l.version()).findFirst().orElse("POA-exempt list (not loaded)");
    }

    private void validity(List<CodingEdit> edits, Slot s, CodeSystem system, int fy, LocalDate asOf, String set,
            Map<String, CodeEntry> found) {
        Optional<CodeEntry> entry = asOf == null ? codeSets.find(system, s.code, fy) : codeSets.find(system, s.code, asOf);
        if (entry.isEmpty()) {
            edits.add(new CodingEdit("INVALID_CODE", ERROR, s.field, s.dotted(system),
                    "Not a " + system.title() + " code for a discharge " + (asOf == null ? "in FY" + fy : "on " + asOf)
                            + " (" + set + ").", set));
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

    private record Slot(String field, String code, String poa, LocalDate date) {
        Slot {
            code = CodeSystem.normalize(code);
        }

        String dotted(CodeSystem system) {
            return system.dotted(code);
        }
    }
}
