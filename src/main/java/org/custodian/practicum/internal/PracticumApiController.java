package org.custodian.practicum.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.custodian.practicum.CohortReport;
import org.custodian.practicum.ExerciseDefinition;
import org.custodian.practicum.Grade;
import org.custodian.practicum.KeyEntry;
import org.custodian.practicum.Practicum;
import org.custodian.practicum.Workspace;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The practicum over JSON: instructors define exercises, form cohorts, assign and read grades and
 * keys; students read, answer and submit their own workspaces. Synthetic records only.
 */
@Tag(name = "Practicum", description = "Training mode for HIM students: exercises on synthetic records, cohorts, workspaces and grades.")
@RestController
@RequestMapping("/api/practicum")
class PracticumApiController {

    record NewCohort(@NotBlank String name) {
    }

    record Enrollment(@NotEmpty List<@NotBlank String> students) {
    }

    record Assignment(@NotBlank String exerciseId) {
    }

    record Created(long id) {
    }

    record Assigned(List<Long> workspaceIds) {
    }

    /** A student's view of a workspace: never the key; the grade once submitted. */
    record StudentView(long id, String exerciseId, String title, String instructions, List<String> choices,
                       List<org.custodian.practicum.WorkItem> items, Map<String, String> answers, boolean submitted,
                       Grade grade) {
        static StudentView of(Workspace w) {
            return new StudentView(w.id(), w.exerciseId(), w.title(), w.instructions(), w.kind().choices(), w.items(),
                    w.answers(), w.submitted(), w.grade());
        }
    }

    private final Practicum practicum;

    PracticumApiController(Practicum practicum) {
        this.practicum = practicum;
    }

    @Operation(summary = "List practicum exercises")
    @GetMapping("/exercises")
    @PreAuthorize("hasAuthority('practicum:teach')")
    List<ExerciseDefinition> exercises() {
        return practicum.exercises();
    }

    @Operation(summary = "Create an exercise over synthetic records")
    @PostMapping("/exercises")
    @PreAuthorize("hasAuthority('practicum:teach')")
    @ResponseStatus(HttpStatus.CREATED)
    ExerciseDefinition define(@Valid @RequestBody ExerciseDefinition definition) {
        return practicum.defineExercise(definition);
    }

    @Operation(summary = "Create a cohort of students")
    @PostMapping("/cohorts")
    @PreAuthorize("hasAuthority('practicum:teach')")
    @ResponseStatus(HttpStatus.CREATED)
    Created cohort(@Valid @RequestBody NewCohort cohort) {
        return new Created(practicum.createCohort(cohort.name()));
    }

    @Operation(summary = "Enroll students in a cohort")
    @PostMapping("/cohorts/{id}/students")
    @PreAuthorize("hasAuthority('practicum:teach')")
    CohortReport enroll(@PathVariable long id, @Valid @RequestBody Enrollment enrollment) {
        practicum.enroll(id, enrollment.students());
        return practicum.report(id);
    }

    @Operation(summary = "Assign an exercise to a cohort")
    @PostMapping("/cohorts/{id}/assignments")
    @PreAuthorize("hasAuthority('practicum:teach')")
    Assigned assign(@PathVariable long id, @Valid @RequestBody Assignment assignment) {
        return new Assigned(practicum.assign(id, assignment.exerciseId()));
    }

    @Operation(summary = "A cohort's report: progress and common mistakes")
    @GetMapping("/cohorts/{id}/report")
    @PreAuthorize("hasAuthority('practicum:teach')")
    CohortReport report(@PathVariable long id) {
        return practicum.report(id);
    }

    @Operation(summary = "A cohort's grades")
    @GetMapping("/cohorts/{id}/grades")
    @PreAuthorize("hasAuthority('practicum:teach')")
    ResponseEntity<String> grades(@PathVariable long id) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"cohort-" + id + "-grades.csv\"")
                .body(practicum.gradesCsv(id));
    }

    @Operation(summary = "The answer key of a student's workspace (instructor only)")
    @GetMapping("/workspaces/{id}/key")
    @PreAuthorize("hasAuthority('practicum:teach')")
    List<KeyEntry> key(@PathVariable long id) {
        return practicum.key(id);
    }

    @Operation(summary = "The signed-in student's workspaces")
    @GetMapping("/workspaces")
    @PreAuthorize("hasAuthority('practicum:study')")
    List<StudentView> mine(Principal me) {
        return practicum.workspacesOf(me.getName()).stream().map(StudentView::of).toList();
    }

    @Operation(summary = "Open a student's workspace")
    @GetMapping("/workspaces/{id}")
    @PreAuthorize("hasAuthority('practicum:study')")
    StudentView workspace(Principal me, @PathVariable long id) {
        return practicum.open(me.getName(), id).map(StudentView::of)
                .orElseThrow(() -> new NoSuchElementException("no practicum workspace " + id + " of yours"));
    }

    @Operation(summary = "Save a student's answers")
    @PutMapping("/workspaces/{id}/answers")
    @PreAuthorize("hasAuthority('practicum:study')")
    StudentView answer(Principal me, @PathVariable long id, @RequestBody @NotNull Map<String, String> answers) {
        return StudentView.of(practicum.answer(me.getName(), id, answers));
    }

    @Operation(summary = "Submit a workspace for grading")
    @PostMapping("/workspaces/{id}/submission")
    @PreAuthorize("hasAuthority('practicum:study')")
    Grade submit(Principal me, @PathVariable long id) {
        return practicum.submit(me.getName(), id);
    }

    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail notFound(NoSuchElementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail conflict(IllegalStateException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
