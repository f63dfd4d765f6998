package org.custodian.practicum.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.custodian.practicum.ExerciseKind;
import org.custodian.practicum.Grade;
import org.custodian.practicum.KeyEntry;

/**
 * Grades a submission against the key. The positive answer is the kind's first choice (MERGE,
 * FLAG); an unanswered item counts as the other choice. Precision and recall are on positives;
 * in an MPI exercise each overlay (a merge of a planted look-alike) counts twice against
 * precision, because it is the error that harms patients. The score is F1 in percent.
 */
final class Grader {

    private Grader() {
    }

    static Grade grade(ExerciseKind kind, List<KeyEntry> key, Map<String, String> answers) {
        String positive = kind.choices().get(0);
        String negative = kind.choices().get(1);
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int overlays = 0;
        List<Grade.Miss> misses = new ArrayList<>();
        for (KeyEntry k : key) {
            String given = answers.getOrDefault(k.itemId(), negative);
            boolean saidPositive = given.equals(positive);
            boolean isPositive = k.answer().equals(positive);
            if (saidPositive && isPositive) {
                tp++;
            } else if (saidPositive) {
                fp++;
                if (kind == ExerciseKind.MPI && MpiExerciseGenerator.OVERLAY_TRAPS.contains(k.planted())) {
                    overlays++;
                }
            } else if (isPositive) {
                fn++;
            }
            if (saidPositive != isPositive) {
                misses.add(new Grade.Miss(k.itemId(), given, k.answer(), k.planted(), k.rule()));
            }
        }
        double precision = tp + fp + overlays == 0 ? (fn == 0 ? 1.0 : 0.0) : tp / (double) (tp + fp + overlays);
        double recall = tp + fn == 0 ? 1.0 : tp / (double) (tp + fn);
        double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
        return new Grade(Math.round(f1 * 1000) / 10.0, precision, recall, tp, fp, fn, overlays, List.copyOf(misses));
    }
}
