package org.custodian.practicum;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A student's copy of an exercise: the items, their answers so far, and the grade once submitted. */
public record Workspace(long id, long cohortId, String exerciseId, ExerciseKind kind, String title, String instructions,
                        String student, List<WorkItem> items, Map<String, String> answers, Instant openedAt,
                        Instant submittedAt, Grade grade) {

    public boolean submitted() {
        return submittedAt != null;
    }
}
