package org.custodian.practicum;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The practicum's API. Instructors' methods and students' methods are split by permission in the controllers. */
public interface Practicum {

    List<ExerciseDefinition> exercises();

    /** Adds or replaces an instructor-defined exercise (bundled ones cannot be replaced). */
    ExerciseDefinition defineExercise(ExerciseDefinition definition);

    /** The key of an exercise as it would be generated for a student: for the instructor only. */
    List<KeyEntry> key(long workspaceId);

    long createCohort(String name);

    void enroll(long cohortId, List<String> students);

    /** Gives every student of the cohort their own seeded copy of the exercise; returns the workspaces made. */
    List<Long> assign(long cohortId, String exerciseId);

    List<Workspace> workspacesOf(String student);

    /** A student's workspace, only for that student; the first opening starts the time spent. */
    Optional<Workspace> open(String student, long workspaceId);

    /** Saves answers (item id → choice) without submitting. */
    Workspace answer(String student, long workspaceId, Map<String, String> answers);

    /** Submits and grades; a workspace is graded once. */
    Grade submit(String student, long workspaceId);

    CohortReport report(long cohortId);

    List<CohortSummary> cohorts();

    String gradesCsv(long cohortId);

    record CohortSummary(long id, String name, String instructor, int students) {
    }
}
