package org.custodian.practicum.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.datafaker.Faker;
import org.custodian.coding.CodeEntry;
import org.custodian.coding.CodeSets;
import org.custodian.coding.CodeSystem;
import org.custodian.practicum.ExerciseDefinition;
import org.custodian.practicum.KeyEntry;
import org.custodian.practicum.WorkItem;

/**
 * Synthetic inpatient charts to code: a discharge summary that states a principal diagnosis, chronic
 * conditions present on admission, and — where planted — a condition that arose in the hospital
 * (POA N), a presenting symptom integral to the diagnosis (not coded), a condition that needs a
 * code's full specificity, and the procedures done. The key holds every expected code, taken from
 * the FY2026 ICD-10-CM/PCS sets; each is checked valid and billable for the discharge date through
 * the coding module's {@link CodeSets}, so a stale code fails the generation rather than a student.
 *
 * <p>Key entries, one per expected code: {@code PDX code poa}, {@code SDX code poa}, {@code PX code},
 * or {@code NOT_CODED code} for a documented symptom that must not be coded.
 */
final class CodingExerciseGenerator {

    static final String PRINCIPAL = "PRINCIPAL";
    static final String CHRONIC = "CHRONIC";
    static final String PROCEDURE = "PROCEDURE";
    static final String HOSPITAL_ACQUIRED = "HOSPITAL_ACQUIRED";
    static final String INTEGRAL_SYMPTOM = "INTEGRAL_SYMPTOM";
    static final String SPECIFICITY = "SPECIFICITY";
    static final Set<String> PLANTABLE = Set.of(HOSPITAL_ACQUIRED, INTEGRAL_SYMPTOM, SPECIFICITY);

    /** Item fields the grader reads back to run the coding edits on the student's abstract. */
    static final String ADMITTED = "Admitted";
    static final String DISCHARGED = "Discharged";
    static final String AGE = "Age";
    static final String SEX = "Sex";
    static final String PROCEDURE_DATE = "Procedure date";
    static final String SUMMARY = "Discharge summary";

    static final String PRINCIPAL_RULE = "the principal diagnosis is the condition established after study to be chiefly "
            + "responsible for the admission (UHDDS; ICD-10-CM Official Guidelines, Section II)";
    static final String OTHER_RULE = "code every other condition that coexists at admission or develops later and affects "
            + "care (UHDDS other diagnoses; ICD-10-CM Official Guidelines, Section III)";
    static final String POA_RULE = "POA Y when the condition was present at the time of the inpatient order, N when it "
            + "developed during the stay (ICD-10-CM Official Guidelines, Appendix I; Deficit Reduction Act of 2005 section 5001(c))";
    static final String SYMPTOM_RULE = "signs and symptoms routinely associated with the confirmed diagnosis are not coded "
            + "(ICD-10-CM Official Guidelines, Section I.B.5)";
    static final String SPECIFICITY_RULE = "a code must be reported to its highest number of characters; a header (category or "
            + "subcategory) is invalid on a claim (ICD-10-CM Official Guidelines, Section I.B.3)";
    static final String PROCEDURE_RULE = "report every significant procedure: surgical, carries a procedural or anaesthetic "
            + "risk, or needs specialised training (UHDDS; ICD-10-PCS Official Guidelines)";

    /** A reason for admission, with its integral presenting symptom and the procedure done for it (or none). */
    private record Scenario(String pdx, String diagnosis, String symptom, String symptomText, String pcs, String procedureText,
                            int losDays) {
    }

    /** A secondary condition; {@code excludes} are codes it must not appear with (a combination code would apply). */
    private record Condition(String code, String text, Set<String> excludes) {
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("J18.9", "community-acquired pneumonia; sputum and blood cultures grew no organism", "R50.9",
                    "fever to 39.2 C and a productive cough", null, null, 4),
            new Scenario("J44.1", "acute exacerbation of chronic obstructive pulmonary disease", "R06.02",
                    "increasing shortness of breath over three days", null, null, 3),
            new Scenario("I21.4", "non-ST elevation myocardial infarction (troponin rising, no ST elevation)", "R07.9",
                    "chest pain at rest", "027034Z", "percutaneous coronary intervention with one drug-eluting stent to the "
                    + "left anterior descending artery", 3),
            new Scenario("K35.80", "acute appendicitis, without perforation, abscess or peritonitis", "R10.31",
                    "right lower quadrant pain", "0DTJ4ZZ", "laparoscopic appendectomy", 2),
            new Scenario("K80.00", "calculus of the gallbladder with acute cholecystitis, without obstruction", "R10.11",
                    "right upper quadrant pain", "0FT44ZZ", "laparoscopic cholecystectomy", 3),
            new Scenario("N39.0", "urinary tract infection, site not specified", "R50.9", "fever and dysuria", null, null, 3));

    private static final List<Condition> CHRONIC_CONDITIONS = List.of(
            new Condition("E11.9", "type 2 diabetes mellitus without complications, on metformin", Set.of("N18.30")),
            new Condition("E78.5", "hyperlipidemia, on a statin", Set.of()),
            new Condition("I10", "essential hypertension", Set.of("N18.30")),
            new Condition("I48.91", "atrial fibrillation, rate controlled", Set.of()),
            new Condition("F10.20", "alcohol dependence, uncomplicated; counselled", Set.of()),
            new Condition("E87.6", "hypokalemia on the admission labs, repleted", Set.of()));

    private static final List<Condition> HOSPITAL_ACQUIRED_CONDITIONS = List.of(
            new Condition("N17.9", "acute kidney injury first noted on hospital day 2 (creatinine 0.9 on admission, 2.1 on day 2)",
                    Set.of()),
            new Condition("L89.152", "stage 2 pressure ulcer of the sacrum, not present on the admission skin assessment, first "
                    + "documented on day 2", Set.of()),
            new Condition("E87.1", "hyponatremia that developed on day 2 (sodium 138 on admission, 127 on day 2)", Set.of("E87.6")));

    /** Documented without the character that makes the code billable: N18.3 is a header, N18.30 the code. */
    private static final Condition SPECIFIC = new Condition("N18.30", "chronic kidney disease stage 3, stage not further "
            + "specified (3a or 3b not documented)", Set.of("E11.9", "I10"));

    private CodingExerciseGenerator() {
    }

    static GeneratedExercise generate(ExerciseDefinition definition, long variant, CodeSets codeSets) {
        if (definition.size() < 1 || definition.size() > 20) {
            throw new IllegalArgumentException("size: a coding exercise has 1 to 20 charts");
        }
        for (Map.Entry<String, Integer> p : definition.planted().entrySet()) {
            if (!PLANTABLE.contains(p.getKey())) {
                throw new IllegalArgumentException("planted: '" + p.getKey() + "' is not a coding trap (HOSPITAL_ACQUIRED, "
                        + "INTEGRAL_SYMPTOM, SPECIFICITY)");
            }
            if (p.getValue() > definition.size()) {
                throw new IllegalArgumentException("planted." + p.getKey() + ": at most one per chart (" + definition.size() + ")");
            }
        }
        Random random = new Random(definition.seed() * 31 + variant);
        Faker faker = new Faker(Locale.US, random);
        // Which charts carry which trap: the first n of a shuffled order, per trap.
        Map<String, Set<Integer>> traps = new LinkedHashMap<>();
        for (String trap : List.of(HOSPITAL_ACQUIRED, INTEGRAL_SYMPTOM, SPECIFICITY)) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < definition.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            traps.put(trap, new HashSet<>(order.subList(0, definition.planted().getOrDefault(trap, 0))));
        }
        List<WorkItem> items = new ArrayList<>();
        List<KeyEntry> key = new ArrayList<>();
        LocalDate firstAdmit = LocalDate.of(2026, 2, 2); // FY2026: the FY2026 sets apply
        for (int i = 0; i < definition.size(); i++) {
            String id = "C" + (i + 1);
            Scenario s = SCENARIOS.get(random.nextInt(SCENARIOS.size()));
            LocalDate admit = firstAdmit.plusDays(random.nextInt(60));
            LocalDate discharge = admit.plusDays(s.losDays());
            int age = 45 + random.nextInt(40);
            String sex = random.nextBoolean() ? "F" : "M";
            String name = faker.name().lastName() + ", " + (sex.equals("F") ? faker.name().femaleFirstName() : faker.name().maleFirstName());

            List<Condition> secondaries = new ArrayList<>();
            Set<String> taken = new HashSet<>(Set.of(s.pdx()));
            if (traps.get(SPECIFICITY).contains(i)) {
                secondaries.add(SPECIFIC);
                taken.add(SPECIFIC.code());
            }
            List<Condition> pool = new ArrayList<>(CHRONIC_CONDITIONS);
            Collections.shuffle(pool, random);
            for (Condition c : pool) {
                if (secondaries.size() >= 2 + (traps.get(SPECIFICITY).contains(i) ? 1 : 0)) {
                    break;
                }
                if (compatible(c, secondaries, taken)) {
                    secondaries.add(c);
                    taken.add(c.code());
                }
            }
            Condition acquired = null;
            if (traps.get(HOSPITAL_ACQUIRED).contains(i)) {
                List<Condition> options = new ArrayList<>(HOSPITAL_ACQUIRED_CONDITIONS);
                Collections.shuffle(options, random);
                for (Condition c : options) {
                    if (compatible(c, secondaries, taken) && !c.code().equals(s.pdx())) {
                        acquired = c;
                        taken.add(c.code());
                        break;
                    }
                }
            }
            boolean symptom = traps.get(INTEGRAL_SYMPTOM).contains(i);
            LocalDate procedureDate = s.pcs() == null ? null : admit.plusDays(1);

            key.add(new KeyEntry(id, "PDX " + s.pdx() + " Y", PRINCIPAL, describe(codeSets, CodeSystem.ICD10CM, s.pdx(), discharge)
                    + ": " + PRINCIPAL_RULE + "; " + POA_RULE));
            for (Condition c : secondaries) {
                key.add(new KeyEntry(id, "SDX " + c.code() + " Y", c == SPECIFIC ? SPECIFICITY : CHRONIC,
                        describe(codeSets, CodeSystem.ICD10CM, c.code(), discharge) + ": " + (c == SPECIFIC ? SPECIFICITY_RULE
                                : OTHER_RULE) + "; present on admission, " + POA_RULE));
            }
            if (acquired != null) {
                key.add(new KeyEntry(id, "SDX " + acquired.code() + " N", HOSPITAL_ACQUIRED,
                        describe(codeSets, CodeSystem.ICD10CM, acquired.code(), discharge) + ": " + OTHER_RULE
                                + "; it developed after admission, so " + POA_RULE));
            }
            if (s.pcs() != null) {
                key.add(new KeyEntry(id, "PX " + s.pcs(), PROCEDURE, describe(codeSets, CodeSystem.ICD10PCS, s.pcs(), discharge)
                        + ": " + PROCEDURE_RULE));
            }
            if (symptom) {
                key.add(new KeyEntry(id, "NOT_CODED " + s.symptom(), INTEGRAL_SYMPTOM, codeSets.find(CodeSystem.ICD10CM, s.symptom(),
                        discharge).map(CodeEntry::longDescription).orElse(s.symptom()) + " is integral to " + s.pdx() + ": "
                        + SYMPTOM_RULE));
            }

            StringBuilder text = new StringBuilder();
            text.append("A ").append(age).append("-year-old ").append(sex.equals("F") ? "woman" : "man").append(" admitted ");
            text.append(symptom ? "with " + s.symptomText() + ". " : "from the emergency department. ");
            if (!secondaries.isEmpty()) {
                text.append("History: ").append(String.join("; ", secondaries.stream().map(Condition::text).toList())).append(". ");
            }
            text.append("After study, the diagnosis is ").append(s.diagnosis()).append(". ");
            if (s.pcs() != null) {
                text.append("On hospital day 2 (").append(procedureDate).append(") the patient underwent ").append(s.procedureText())
                        .append(". ");
            }
            if (acquired != null) {
                text.append("Course complicated by ").append(acquired.text()).append(". ");
            }
            text.append("Discharged home in stable condition on day ").append(s.losDays() + 1).append(".");

            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("Patient", name + " (TRAINING)");
            fields.put(AGE, Integer.toString(age));
            fields.put(SEX, sex);
            fields.put(ADMITTED, admit.toString());
            fields.put(DISCHARGED, discharge.toString());
            if (procedureDate != null) {
                fields.put(PROCEDURE_DATE, procedureDate.toString());
            }
            fields.put(SUMMARY, text.toString());
            items.add(new WorkItem(id, fields, null));
        }
        return new GeneratedExercise(items, key);
    }

    private static boolean compatible(Condition c, List<Condition> chosen, Set<String> taken) {
        if (taken.contains(c.code())) {
            return false;
        }
        for (Condition other : chosen) {
            if (other.excludes().contains(c.code()) || c.excludes().contains(other.code())) {
                return false;
            }
        }
        return true;
    }

    /** The code with its CMS title, after checking it is valid and billable for the discharge date. */
    private static String describe(CodeSets codeSets, CodeSystem system, String code, LocalDate discharge) {
        CodeEntry entry = codeSets.find(system, code, discharge)
                .orElseThrow(() -> new IllegalStateException("coding exercise key: " + code + " is not in the " + system.title()
                        + " set for a discharge on " + discharge + " (load that fiscal year's codes)"));
        if (!entry.billable()) {
            throw new IllegalStateException("coding exercise key: " + code + " is a header, not billable, on " + discharge);
        }
        return entry.dotted() + " " + entry.longDescription();
    }
}
