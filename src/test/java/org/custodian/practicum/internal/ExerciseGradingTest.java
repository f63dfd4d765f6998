package org.custodian.practicum.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.custodian.practicum.ExerciseDefinition;
import org.custodian.practicum.ExerciseKind;
import org.custodian.practicum.Grade;
import org.custodian.practicum.KeyEntry;
import org.custodian.practicum.WorkItem;
import org.junit.jupiter.api.Test;

class ExerciseGradingTest {

    static final ExerciseDefinition MPI = new ExerciseDefinition("mpi-t", ExerciseKind.MPI, "t", "i", 77, 60,
            Map.of("DUPLICATE", 5, "RELATIVE", 2, "JUNIOR_SENIOR", 1, "TWIN", 2));
    static final ExerciseDefinition AUDIT = new ExerciseDefinition("audit-t", ExerciseKind.PRIVACY_AUDIT, "t", "i", 78, 40,
            Map.of("FAMILY_SNOOPING", 2, "COWORKER_LOOKUP", 1, "VIP_BROWSING", 1, "NO_RELATIONSHIP_AFTER_HOURS", 1));

    static Map<String, String> perfect(List<KeyEntry> key) {
        return key.stream().collect(Collectors.toMap(KeyEntry::itemId, KeyEntry::answer));
    }

    @Test
    void theMpiExerciseHoldsThePlantedPairsAndTheSameSeedGivesTheSameCopy() {
        GeneratedExercise a = MpiExerciseGenerator.generate(MPI, 1);
        assertThat(a).isEqualTo(MpiExerciseGenerator.generate(MPI, 1));
        assertThat(MpiExerciseGenerator.generate(MPI, 2).items()).as("another student's variant").isNotEqualTo(a.items());
        Map<String, Long> planted = a.key().stream().collect(Collectors.groupingBy(KeyEntry::planted, Collectors.counting()));
        assertThat(planted.get("RELATIVE")).isEqualTo(2);
        assertThat(planted.get("JUNIOR_SENIOR")).isEqualTo(1);
        assertThat(planted.get("TWIN")).isEqualTo(2);
        assertThat(planted.get("DUPLICATE")).as("5 planted plus the demo generator's own").isGreaterThanOrEqualTo(5);
        assertThat(a.items()).hasSameSizeAs(a.key());
        for (KeyEntry k : a.key()) {
            WorkItem item = a.items().stream().filter(i -> i.id().equals(k.itemId())).findFirst().orElseThrow();
            String leftFamily = item.left().get("Name").split(",")[0];
            String rightFamily = item.right().get("Name").split(",")[0];
            switch (k.planted()) {
                case "TWIN" -> {
                    assertThat(item.right().get("Birth date")).isEqualTo(item.left().get("Birth date"));
                    assertThat(rightFamily).isEqualTo(leftFamily);
                    assertThat(item.right().get("SSN")).isNotEqualTo(item.left().get("SSN"));
                    assertThat(k.answer()).isEqualTo("NOT_SAME");
                }
                case "JUNIOR_SENIOR" -> {
                    assertThat(item.right().get("Name")).isEqualTo(item.left().get("Name"));
                    assertThat(item.right().get("Birth date")).isNotEqualTo(item.left().get("Birth date"));
                    assertThat(k.answer()).isEqualTo("NOT_SAME");
                }
                case "DUPLICATE" -> assertThat(k.answer()).isEqualTo("MERGE");
                default -> assertThat(k.answer()).isEqualTo("NOT_SAME");
            }
            assertThat(k.rule()).isNotBlank();
        }
    }

    @Test
    void thePrivacyAuditHoldsThePlantedAccessesAmongTheRoutineOnes() {
        GeneratedExercise a = PrivacyAuditGenerator.generate(AUDIT, 1);
        assertThat(a.items()).hasSize(40 + 5);
        assertThat(a.key().stream().filter(k -> k.answer().equals("FLAG")).map(KeyEntry::planted))
                .containsExactlyInAnyOrder("FAMILY_SNOOPING", "FAMILY_SNOOPING", "COWORKER_LOOKUP", "VIP_BROWSING",
                        "NO_RELATIONSHIP_AFTER_HOURS");
        KeyEntry snoop = a.key().stream().filter(k -> k.planted().equals("FAMILY_SNOOPING")).findFirst().orElseThrow();
        WorkItem row = a.items().stream().filter(i -> i.id().equals(snoop.itemId())).findFirst().orElseThrow();
        String userFamily = row.left().get("User").split(" \\(")[0].replaceAll("^.* ", "");
        assertThat(row.left().get("Patient")).as("the snooper shares the patient's surname").startsWith(userFamily + ",");
        assertThat(snoop.rule()).contains("164.502");
    }

    @Test
    void anUnknownPlantedErrorIsNamed() {
        ExerciseDefinition bad = new ExerciseDefinition("x-y", ExerciseKind.MPI, "t", "i", 1, 20, Map.of("GHOST", 1));
        assertThatThrownBy(() -> JdbcPracticum.generateRecords(bad, 0)).hasMessageContaining("GHOST");
    }

    /** A key small enough to grade by hand: four duplicates, two twins, two relatives. */
    static final List<KeyEntry> HAND_KEY = List.of(
            new KeyEntry("P1", "MERGE", "DUPLICATE", "r"), new KeyEntry("P2", "MERGE", "DUPLICATE", "r"),
            new KeyEntry("P3", "MERGE", "DUPLICATE", "r"), new KeyEntry("P4", "MERGE", "DUPLICATE", "r"),
            new KeyEntry("P5", "NOT_SAME", "TWIN", "r"), new KeyEntry("P6", "NOT_SAME", "TWIN", "r"),
            new KeyEntry("P7", "NOT_SAME", "RELATIVE", "r"), new KeyEntry("P8", "NOT_SAME", "RELATIVE", "r"));

    @Test
    void aMixedSubmissionScoresWhatIsComputedByHand() {
        // 3 of 4 duplicates merged (P4 missed), one twin merged (an overlay), P7 left unanswered (= not the same).
        Map<String, String> answers = Map.of("P1", "MERGE", "P2", "MERGE", "P3", "MERGE", "P4", "NOT_SAME",
                "P5", "MERGE", "P6", "NOT_SAME", "P8", "NOT_SAME");
        Grade g = Grader.grade(ExerciseKind.MPI, HAND_KEY, answers);
        // precision = 3 / (3 + 1 + 1 for the overlay) = 0.6; recall = 3 / 4 = 0.75; F1 = 0.9 / 1.35 = 0.6667
        assertThat(g.truePositives()).isEqualTo(3);
        assertThat(g.falsePositives()).isEqualTo(1);
        assertThat(g.falseNegatives()).isEqualTo(1);
        assertThat(g.overlays()).isEqualTo(1);
        assertThat(g.precision()).isEqualTo(0.6);
        assertThat(g.recall()).isEqualTo(0.75);
        assertThat(g.score()).isEqualTo(66.7);
        assertThat(g.misses()).extracting(Grade.Miss::itemId).containsExactly("P4", "P5");
    }

    @Test
    void anEmptySubmissionScoresZeroAndListsEveryPositiveAsMissed() {
        Grade mpi = Grader.grade(ExerciseKind.MPI, HAND_KEY, Map.of());
        assertThat(mpi.score()).isZero();
        assertThat(mpi.recall()).isZero();
        assertThat(mpi.misses()).extracting(Grade.Miss::itemId).containsExactly("P1", "P2", "P3", "P4");
        GeneratedExercise audit = PrivacyAuditGenerator.generate(AUDIT, 5);
        Grade empty = Grader.grade(ExerciseKind.PRIVACY_AUDIT, audit.key(), Map.of());
        assertThat(empty.score()).isZero();
        assertThat(empty.falseNegatives()).isEqualTo(5);
        assertThat(empty.falsePositives()).isZero();
    }

    @Test
    void perfectAnswersScoreOneHundredAndAnOverlayCountsTwice() {
        GeneratedExercise a = MpiExerciseGenerator.generate(MPI, 3);
        Map<String, String> answers = perfect(a.key());
        Grade perfect = Grader.grade(ExerciseKind.MPI, a.key(), answers);
        assertThat(perfect.score()).isEqualTo(100.0);
        assertThat(perfect.misses()).isEmpty();

        KeyEntry twin = a.key().stream().filter(k -> k.planted().equals("TWIN")).findFirst().orElseThrow();
        Map<String, String> overlay = new HashMap<>(answers);
        overlay.put(twin.itemId(), "MERGE");
        Grade g = Grader.grade(ExerciseKind.MPI, a.key(), overlay);
        long positives = a.key().stream().filter(k -> k.answer().equals("MERGE")).count();
        assertThat(g.overlays()).isEqualTo(1);
        assertThat(g.falsePositives()).isEqualTo(1);
        assertThat(g.precision()).isEqualTo(positives / (double) (positives + 2));
        assertThat(g.recall()).isEqualTo(1.0);
        assertThat(g.misses()).singleElement().satisfies(m -> {
            assertThat(m.itemId()).isEqualTo(twin.itemId());
            assertThat(m.rule()).contains("overlay");
        });
    }

    @Test
    void anUnansweredItemIsTheNegativeChoiceSoAMissedDuplicateCostsRecall() {
        GeneratedExercise a = MpiExerciseGenerator.generate(MPI, 4);
        Map<String, String> answers = perfect(a.key());
        KeyEntry dup = a.key().stream().filter(k -> k.answer().equals("MERGE")).findFirst().orElseThrow();
        answers.remove(dup.itemId());
        Grade g = Grader.grade(ExerciseKind.MPI, a.key(), answers);
        assertThat(g.falseNegatives()).isEqualTo(1);
        assertThat(g.precision()).isEqualTo(1.0);
        assertThat(g.recall()).isLessThan(1.0);
        assertThat(g.score()).isLessThan(100.0);
    }

    @Test
    void aPrivacyAuditIsGradedByWhatWasFoundAndMissed() {
        GeneratedExercise a = PrivacyAuditGenerator.generate(AUDIT, 2);
        Map<String, String> answers = new HashMap<>();
        List<KeyEntry> planted = a.key().stream().filter(k -> k.answer().equals("FLAG")).toList();
        answers.put(planted.get(0).itemId(), "FLAG");
        answers.put(planted.get(1).itemId(), "FLAG");
        KeyEntry routine = a.key().stream().filter(k -> k.answer().equals("OK")).findFirst().orElseThrow();
        answers.put(routine.itemId(), "FLAG");
        Grade g = Grader.grade(ExerciseKind.PRIVACY_AUDIT, a.key(), answers);
        assertThat(g.truePositives()).isEqualTo(2);
        assertThat(g.falseNegatives()).isEqualTo(3);
        assertThat(g.falsePositives()).isEqualTo(1);
        assertThat(g.overlays()).isZero();
        assertThat(g.recall()).isEqualTo(0.4);
        assertThat(g.misses()).hasSize(4);
    }
}
