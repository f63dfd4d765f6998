package org.custodian.practicum.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.custodian.practicum.Grade;
import org.custodian.practicum.KeyEntry;

/**
 * Grades a release-of-information queue per request: one point for the right decision (release,
 * release with withholding, deny) and one for the right due date, so the score is
 * {@code 100 × points / (2 × requests)}. Precision and recall are on catching a problem: the
 * requests whose answer is not a plain release (a defect to deny, a sensitive record to withhold),
 * against the ones the student did not release in full. Every miss carries the rule from the key.
 */
final class RoiGrader {

    private RoiGrader() {
    }

    static Grade grade(List<KeyEntry> key, Map<String, String> answers) {
        int points = 0;
        int requests = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        List<Grade.Miss> misses = new ArrayList<>();
        List<Grade.Part> parts = new ArrayList<>();
        for (KeyEntry k : key) {
            if (k.itemId().endsWith(RoiExerciseGenerator.DUE)) {
                continue;
            }
            requests++;
            String id = k.itemId();
            KeyEntry due = key.stream().filter(d -> d.itemId().equals(id + RoiExerciseGenerator.DUE)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("key: no due date of " + id));
            String decision = answers.get(id);
            String givenDue = answers.get(id + RoiExerciseGenerator.DUE);
            boolean decisionRight = k.answer().equals(decision);
            boolean dueRight = due.answer().equals(givenDue);
            points += (decisionRight ? 1 : 0) + (dueRight ? 1 : 0);
            boolean problem = !k.answer().equals(RoiExerciseGenerator.RELEASE);
            boolean caught = decision != null && !decision.equals(RoiExerciseGenerator.RELEASE);
            if (problem && caught) {
                tp++;
            } else if (caught) {
                fp++;
            } else if (problem) {
                fn++;
            }
            if (!decisionRight) {
                misses.add(new Grade.Miss(id, decision == null ? "no decision" : decision, k.answer(), k.planted(), k.rule()));
            }
            if (!dueRight) {
                misses.add(new Grade.Miss(id + RoiExerciseGenerator.DUE, givenDue == null ? "no due date" : givenDue,
                        due.answer(), due.planted(), due.rule()));
            }
            parts.add(new Grade.Part(id, (decisionRight ? 50 : 0) + (dueRight ? 50 : 0), "decision "
                    + (decisionRight ? "right" : "wrong") + "; due date " + (dueRight ? "right" : "wrong")));
        }
        double precision = tp + fp == 0 ? (fn == 0 ? 1.0 : 0.0) : tp / (double) (tp + fp);
        double recall = tp + fn == 0 ? 1.0 : tp / (double) (tp + fn);
        double score = requests == 0 ? 0.0 : Math.round(1000.0 * points / (2 * requests)) / 10.0;
        return new Grade(score, precision, recall, tp, fp, fn, 0, misses, parts, List.of());
    }
}
