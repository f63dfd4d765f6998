package org.custodian.practicum.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.custodian.coding.CodeSets;
import org.custodian.coding.CodeSystem;
import org.custodian.coding.CodingEdits;
import org.custodian.disclosure.ReleaseRules;
import org.custodian.practicum.ExerciseDefinition;
import org.custodian.practicum.ExerciseKind;
import org.custodian.practicum.Grade;
import org.custodian.practicum.KeyEntry;
import org.custodian.practicum.WorkItem;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The coding and release-of-information exercises: the generated key is right by the coding and
 * disclosure modules' own rules, and grading is right on a perfect, an empty and a mixed submission
 * whose score is worked out by hand below.
 */
@CustodianTest
class CodingAndRoiExerciseIT {

    static final ExerciseDefinition CODING = new ExerciseDefinition("coding-t", ExerciseKind.CODING, "t", "i", 91, 8,
            Map.of("HOSPITAL_ACQUIRED", 3, "INTEGRAL_SYMPTOM", 3, "SPECIFICITY", 2));
    static final ExerciseDefinition ROI = new ExerciseDefinition("roi-t", ExerciseKind.RELEASE_OF_INFORMATION, "t", "i", 92, 2,
            Map.of("MISSING_ELEMENT", 1, "EXPIRED", 1, "UNSIGNED", 1, "WRONG_PATIENT", 1, "SUD_PART2", 1,
                    "PSYCHOTHERAPY_NOTES", 1, "HIV_STATE_LAW", 1, "SUBPOENA_NO_ASSURANCE", 1));

    @Autowired CodeSets codeSets;
    @Autowired CodingEdits edits;
    @Autowired ReleaseRules rules;

    /** The key as a student's answers: PDX → pdx/pdxPoa, each SDX → the next secondary row, each PX → the next procedure row. */
    static Map<String, String> codingAnswersFromKey(List<KeyEntry> key) {
        Map<String, String> answers = new LinkedHashMap<>();
        Map<String, Integer> sdx = new HashMap<>();
        Map<String, Integer> px = new HashMap<>();
        for (KeyEntry k : key) {
            String[] a = k.answer().split(" ");
            String c = k.itemId();
            switch (a[0]) {
                case "PDX" -> {
                    answers.put(c + ".pdx", a[1]);
                    answers.put(c + ".pdxPoa", a[2]);
                }
                case "SDX" -> {
                    int i = sdx.merge(c, 1, Integer::sum) - 1;
                    answers.put(c + ".sdx" + i, a[1]);
                    answers.put(c + ".sdxPoa" + i, a[2]);
                }
                case "PX" -> answers.put(c + ".px" + (px.merge(c, 1, Integer::sum) - 1), a[1]);
                default -> { }
            }
        }
        return answers;
    }

    @Test
    void everyCodeOfTheCodingKeyIsValidAndBillableForTheDischargeDateAndTheTrapsArePlanted() {
        GeneratedExercise a = CodingExerciseGenerator.generate(CODING, 1, codeSets);
        assertThat(a).isEqualTo(CodingExerciseGenerator.generate(CODING, 1, codeSets));
        assertThat(CodingExerciseGenerator.generate(CODING, 2, codeSets).items()).isNotEqualTo(a.items());
        assertThat(a.items()).hasSize(8);
        for (KeyEntry k : a.key()) {
            String[] answer = k.answer().split(" ");
            if (answer[0].equals("NOT_CODED")) {
                continue;
            }
            WorkItem chart = a.items().stream().filter(i -> i.id().equals(k.itemId())).findFirst().orElseThrow();
            LocalDate discharge = LocalDate.parse(chart.left().get("Discharged"));
            CodeSystem system = answer[0].equals("PX") ? CodeSystem.ICD10PCS : CodeSystem.ICD10CM;
            assertThat(codeSets.isValid(system, answer[1], discharge)).as(k.answer() + " on " + discharge).isTrue();
            assertThat(discharge).isBetween(LocalDate.of(2025, 10, 1), LocalDate.of(2026, 9, 30)); // FY2026
        }
        Map<String, Long> planted = a.key().stream().collect(Collectors.groupingBy(KeyEntry::planted, Collectors.counting()));
        assertThat(planted).containsEntry("PRINCIPAL", 8L).containsEntry("HOSPITAL_ACQUIRED", 3L)
                .containsEntry("INTEGRAL_SYMPTOM", 3L).containsEntry("SPECIFICITY", 2L);
        assertThat(a.key()).filteredOn(k -> k.planted().equals("HOSPITAL_ACQUIRED")).allMatch(k -> k.answer().endsWith(" N"));
        assertThat(a.key()).filteredOn(k -> k.planted().equals("SPECIFICITY")).allMatch(k -> k.answer().equals("SDX N18.30 Y"));
        // The symptom not to code is in the text the student reads, and the text names no code.
        KeyEntry symptom = a.key().stream().filter(k -> k.planted().equals("INTEGRAL_SYMPTOM")).findFirst().orElseThrow();
        WorkItem chart = a.items().stream().filter(i -> i.id().equals(symptom.itemId())).findFirst().orElseThrow();
        assertThat(chart.left().get("Discharge summary")).contains("admitted with").doesNotContainPattern("[A-Z][0-9]{2}\\.[0-9]");
        assertThatThrownBy(() -> CodingExerciseGenerator.generate(new ExerciseDefinition("x-y", ExerciseKind.CODING, "t", "i", 1, 3,
                Map.of("GHOST", 1)), 0, codeSets)).hasMessageContaining("GHOST");
    }

    @Test
    void theKeyCodedPerfectlyScoresOneHundredAndLeavesNoCodingEditStanding() {
        GeneratedExercise a = CodingExerciseGenerator.generate(CODING, 3, codeSets);
        Grade g = CodingGrader.grade(a.items(), a.key(), codingAnswersFromKey(a.key()), edits);
        assertThat(g.unresolvedEdits()).as("the key passes the coder's own edits").isEmpty();
        assertThat(g.misses()).isEmpty();
        assertThat(g.score()).isEqualTo(100.0);
        assertThat(g.precision()).isEqualTo(1.0);
        assertThat(g.recall()).isEqualTo(1.0);
        assertThat(g.parts()).hasSize(8).allMatch(p -> p.score() == 100.0);
    }

    @Test
    void anEmptyCodingSubmissionScoresZeroAndListsTheMissingPrincipalEdit() {
        GeneratedExercise a = CodingExerciseGenerator.generate(CODING, 4, codeSets);
        Grade g = CodingGrader.grade(a.items(), a.key(), Map.of(), edits);
        assertThat(g.score()).isZero();
        assertThat(g.recall()).isZero();
        assertThat(g.truePositives()).isZero();
        assertThat(g.falseNegatives()).isEqualTo((int) a.key().stream().filter(k -> !k.answer().startsWith("NOT_CODED")).count());
        assertThat(g.unresolvedEdits()).extracting(Grade.Edit::rule).containsOnly("PRINCIPAL_DIAGNOSIS_MISSING").hasSize(8);
    }

    /** Two charts small enough to grade by hand. */
    static final List<WorkItem> HAND_CHARTS = List.of(
            new WorkItem("C1", Map.of("Age", "70", "Sex", "F", "Admitted", "2026-02-02", "Discharged", "2026-02-06",
                    "Discharge summary", "pneumonia"), null),
            new WorkItem("C2", Map.of("Age", "55", "Sex", "M", "Admitted", "2026-02-10", "Discharged", "2026-02-13",
                    "Procedure date", "2026-02-11", "Discharge summary", "appendicitis"), null));
    static final List<KeyEntry> HAND_CODING_KEY = List.of(
            new KeyEntry("C1", "PDX J18.9 Y", "PRINCIPAL", "r"), new KeyEntry("C1", "SDX E11.9 Y", "CHRONIC", "r"),
            new KeyEntry("C1", "SDX I10 Y", "CHRONIC", "r"), new KeyEntry("C1", "SDX N17.9 N", "HOSPITAL_ACQUIRED", "r"),
            new KeyEntry("C1", "NOT_CODED R50.9", "INTEGRAL_SYMPTOM", "integral (Section I.B.5)"),
            new KeyEntry("C2", "PDX K35.80 Y", "PRINCIPAL", "r"), new KeyEntry("C2", "SDX E78.5 Y", "CHRONIC", "r"),
            new KeyEntry("C2", "PX 0DTJ4ZZ", "PROCEDURE", "r"));

    @Test
    void aMixedCodingSubmissionScoresWhatIsComputedByHandAndListsTheEditsLeft() {
        Map<String, String> answers = new HashMap<>();
        // C1: principal right; E11.9 right; N17.9 with POA Y (should be N); R50.9 coded (integral symptom); I10 missed.
        answers.putAll(Map.of("C1.pdx", "J18.9", "C1.pdxPoa", "Y", "C1.sdx0", "E11.9", "C1.sdxPoa0", "Y",
                "C1.sdx1", "N17.9", "C1.sdxPoa1", "Y", "C1.sdx2", "R50.9", "C1.sdxPoa2", "Y"));
        // C2: the secondary sequenced as principal; the appendicitis as the header K35.8; the procedure right.
        answers.putAll(Map.of("C2.pdx", "E78.5", "C2.pdxPoa", "Y", "C2.sdx0", "K35.8", "C2.sdxPoa0", "Y", "C2.px0", "0DTJ4ZZ"));
        Grade g = CodingGrader.grade(HAND_CHARTS, HAND_CODING_KEY, answers, edits);
        // C1: principal 1; secondaries expected {E11.9, I10, N17.9}, given {E11.9, N17.9, R50.9}, 2 found: F1 = 2·2/(3+3) = 2/3;
        //     POA of the expected diagnoses coded: J18.9 Y ok, E11.9 Y ok, N17.9 Y wrong → 2/3; procedures none/none → 1.
        //     100 × (0.40 + 0.30·2/3 + 0.15·2/3 + 0.15) = 100 × (0.40 + 0.20 + 0.10 + 0.15) = 85.0
        // C2: principal 0; secondaries expected {E78.5}, given {K35.8}: F1 = 0; POA: E78.5 (coded, as principal) Y ok → 1/1;
        //     procedures 1 of 1: F1 = 1.  100 × (0 + 0 + 0.15 + 0.15) = 30.0
        // Score = (85.0 + 30.0) / 2 = 57.5
        assertThat(g.parts()).extracting(Grade.Part::score).containsExactly(85.0, 30.0);
        assertThat(g.score()).isEqualTo(57.5);
        // Codes wherever placed: right J18.9, E11.9, N17.9, E78.5, 0DTJ4ZZ = 5; extra R50.9, K35.8 = 2; missed I10, K35.80 = 2.
        assertThat(g.truePositives()).isEqualTo(5);
        assertThat(g.falsePositives()).isEqualTo(2);
        assertThat(g.falseNegatives()).isEqualTo(2);
        assertThat(g.precision()).isEqualTo(5 / 7.0);
        assertThat(g.recall()).isEqualTo(5 / 7.0);
        assertThat(g.misses()).extracting(Grade.Miss::planted)
                .containsExactly("CHRONIC", "HOSPITAL_ACQUIRED", "INTEGRAL_SYMPTOM", "PRINCIPAL", "EXTRA_CODE");
        assertThat(g.misses()).filteredOn(m -> m.planted().equals("INTEGRAL_SYMPTOM")).singleElement()
                .satisfies(m -> assertThat(m.rule()).contains("I.B.5"));
        assertThat(g.misses()).filteredOn(m -> m.planted().equals("HOSPITAL_ACQUIRED")).singleElement()
                .satisfies(m -> assertThat(m.rule()).contains("Appendix I"));
        // The coder's edits on what the student left: K35.8 is a header, not billable on a claim.
        assertThat(g.unresolvedEdits()).anySatisfy(e -> {
            assertThat(e.itemId()).isEqualTo("C2");
            assertThat(e.rule()).isEqualTo("NON_BILLABLE_CODE");
            assertThat(e.code()).isEqualTo("K35.8");
            assertThat(e.source()).contains("ICD-10-CM FY2026");
        });
        assertThat(g.unresolvedEdits()).noneMatch(e -> e.itemId().equals("C1"));
    }

    @Test
    void theRoiKeyFollowsTheDisclosureRulesWithTheirCitationsAndThirtyDayDeadlines() {
        GeneratedExercise a = RoiExerciseGenerator.generate(ROI, 1, rules);
        assertThat(a.items()).hasSize(10);
        assertThat(a).isEqualTo(RoiExerciseGenerator.generate(ROI, 1, rules));
        Map<String, String> expected = Map.of("VALID", "RELEASE", "MISSING_ELEMENT", "DENY", "EXPIRED", "DENY",
                "UNSIGNED", "DENY", "WRONG_PATIENT", "DENY", "SUD_PART2", "RELEASE_WITH_WITHHOLDING",
                "PSYCHOTHERAPY_NOTES", "RELEASE_WITH_WITHHOLDING", "HIV_STATE_LAW", "RELEASE_WITH_WITHHOLDING",
                "SUBPOENA_NO_ASSURANCE", "DENY");
        Map<String, String> citation = Map.of("MISSING_ELEMENT", "164.508(c)(1)(iv)", "EXPIRED", "164.508(b)(2)(i)",
                "UNSIGNED", "164.508(c)(1)(vi)", "WRONG_PATIENT", "164.508(a)(1)", "SUD_PART2", "42 CFR 2.31",
                "PSYCHOTHERAPY_NOTES", "164.508(a)(2)", "HIV_STATE_LAW", "state HIV", "SUBPOENA_NO_ASSURANCE", "164.512(e)");
        for (KeyEntry k : a.key()) {
            if (k.planted().equals("DUE_DATE")) {
                String id = k.itemId().replace(".due", "");
                WorkItem item = a.items().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
                assertThat(LocalDate.parse(k.answer())).isEqualTo(LocalDate.parse(item.left().get("Received")).plusDays(30));
                assertThat(k.rule()).contains("164.524(b)(2)");
                continue;
            }
            assertThat(k.answer()).as(k.planted()).isEqualTo(expected.get(k.planted()));
            if (citation.containsKey(k.planted())) {
                assertThat(k.rule()).as(k.planted()).contains(citation.get(k.planted()));
            }
        }
        assertThat(a.key()).filteredOn(k -> k.planted().equals("VALID")).hasSize(2);
    }

    @Test
    void roiPerfectAndEmptySubmissions() {
        GeneratedExercise a = RoiExerciseGenerator.generate(ROI, 2, rules);
        Map<String, String> perfect = a.key().stream().collect(Collectors.toMap(KeyEntry::itemId, KeyEntry::answer));
        Grade best = RoiGrader.grade(a.key(), perfect);
        assertThat(best.score()).isEqualTo(100.0);
        assertThat(best.misses()).isEmpty();
        assertThat(best.recall()).isEqualTo(1.0);
        Grade empty = RoiGrader.grade(a.key(), Map.of());
        assertThat(empty.score()).isZero();
        assertThat(empty.recall()).isZero();
        assertThat(empty.misses()).hasSize(20); // a decision and a due date for each of 10 requests
    }

    static final List<KeyEntry> HAND_ROI_KEY = List.of(
            new KeyEntry("R1", "RELEASE", "VALID", "r"), new KeyEntry("R1.due", "2026-04-01", "DUE_DATE", "30 days"),
            new KeyEntry("R2", "DENY", "EXPIRED", "expired (45 CFR 164.508(b)(2)(i))"), new KeyEntry("R2.due", "2026-03-31", "DUE_DATE", "30 days"),
            new KeyEntry("R3", "RELEASE_WITH_WITHHOLDING", "SUD_PART2", "42 CFR 2.31"), new KeyEntry("R3.due", "2026-04-10", "DUE_DATE", "30 days"),
            new KeyEntry("R4", "DENY", "SUBPOENA_NO_ASSURANCE", "164.512(e)"), new KeyEntry("R4.due", "2026-04-05", "DUE_DATE", "30 days"));

    @Test
    void aMixedRoiSubmissionScoresWhatIsComputedByHand() {
        Map<String, String> answers = Map.of("R1", "RELEASE", "R1.due", "2026-04-01", // decision and date: 2
                "R2", "RELEASE", "R2.due", "2026-03-31",                              // released an expired one: 1
                "R3", "RELEASE_WITH_WITHHOLDING", "R3.due", "2026-04-09",             // a day early: 1
                "R4", "DENY");                                                         // no due date: 1
        Grade g = RoiGrader.grade(HAND_ROI_KEY, answers);
        // points = 2 + 1 + 1 + 1 = 5 of 2 × 4 = 8 → 62.5
        assertThat(g.score()).isEqualTo(62.5);
        // problems (not a plain release): R2, R3, R4; caught R3, R4 → precision 2/2, recall 2/3
        assertThat(g.truePositives()).isEqualTo(2);
        assertThat(g.falseNegatives()).isEqualTo(1);
        assertThat(g.falsePositives()).isZero();
        assertThat(g.precision()).isEqualTo(1.0);
        assertThat(g.recall()).isEqualTo(2 / 3.0);
        assertThat(g.misses()).extracting(Grade.Miss::itemId).containsExactly("R2", "R3.due", "R4.due");
        assertThat(g.misses().get(0).rule()).contains("164.508(b)(2)(i)");
        assertThat(g.parts()).extracting(Grade.Part::score).containsExactly(100.0, 50.0, 50.0, 50.0);
    }
}
