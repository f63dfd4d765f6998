package org.custodian.practicum;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The practicum's API. Instructors' methods need {@code practicum:teach}; a student's methods need
 * {@code practicum:study} and act only on the signed-in student's own workspaces, whoever calls them.
 */
public interface Practicum {

    @PreAuthorize("hasAuthority('practicum:teach')")
    List<ExerciseDefinition> exercises();

    /** Adds or replaces an instructor-defined exercise (bundled ones cannot be replaced). */
    @PreAuthorize("hasAuthority('practicum:teach')")
    ExerciseDefinition defineExercise(ExerciseDefinition definition);

    /** The key of an exercise as it would be generated for a student: for the instructor only. */
    @PreAuthorize("hasAuthority('practicum:teach')")
    List<KeyEntry> key(long workspaceId);

    @PreAuthorize("hasAuthority('practicum:teach')")
    long createCohort(String name);

    @PreAuthorize("hasAuthority('practicum:teach')")
    void enroll(long cohortId, List<String> students);

    /** Gives every student of the cohort their own seeded copy of the exercise; returns the workspaces made. */
    @PreAuthorize("hasAuthority('practicum:teach')")
    List<Long> assign(long cohortId, String exerciseId);

    @PreAuthorize("hasAuthority('practicum:study') and #student == authentication.name")
    List<Workspace> workspacesOf(String student);

    /** A student's workspace, only for that student; the first opening starts the time spent. */
    @PreAuthorize("hasAuthority('practicum:study') and #student == authentication.name")
    Optional<Workspace> open(String student, long workspaceId);

    /** Saves answers (item id → choice) without submitting. */
    @PreAuthorize("hasAuthority('practicum:study') and #student == authentication.name")
    Workspace answer(String student, long workspaceId, Map<String, String> answers);

    /** Submits and grades; a workspace is graded once. */
    @PreAuthorize("hasAuthority('practicum:study') and #student == authentication.name")
    Grade submit(String student, long workspaceId);

    @PreAuthorize("hasAuthority('practicum:teach')")
    CohortReport report(long cohortId);

    @PreAuthorize("hasAuthority('practicum:teach')")
    List<CohortSummary> cohorts();

    @PreAuthorize("hasAuthority('practicum:teach')")
    String gradesCsv(long cohortId);

    record CohortSummary(long id, String name, String instructor, int students) {
    }
}
