package org.custodian.practicum;

/** What an exercise trains; each kind has its generator, its choices and its grader. */
public enum ExerciseKind {
    /** Decide, pair by pair, whether two registrations are one person (merge) or two (not the same). */
    MPI("Master patient index: duplicates and overlays", java.util.List.of("MERGE", "NOT_SAME")),
    /** Find the inappropriate accesses planted in an audit log (flag) among routine ones (ok). */
    PRIVACY_AUDIT("Privacy audit: find the inappropriate accesses", java.util.List.of("FLAG", "OK")),
    /** Code inpatient charts: principal diagnosis, secondaries with POA, procedures (answers are codes, not choices). */
    CODING("Inpatient coding: principal, secondaries with POA, procedures", java.util.List.of()),
    /** Work a release-of-information queue: release, release with withholding, or deny, and the due date. */
    RELEASE_OF_INFORMATION("Release of information: authorizations, sensitive records, deadlines",
            java.util.List.of("RELEASE", "RELEASE_WITH_WITHHOLDING", "DENY"));

    private final String title;
    private final java.util.List<String> choices;

    ExerciseKind(String title, java.util.List<String> choices) {
        this.title = title;
        this.choices = choices;
    }

    public String title() {
        return title;
    }

    /**
     * The answers a student may give an item; for MPI and privacy audits the first is the "positive"
     * one graded for precision and recall. Empty for coding, where the answers are codes.
     */
    public java.util.List<String> choices() {
        return choices;
    }
}
