package org.custodian.practicum;

import java.util.List;

/**
 * A graded submission. {@code positives} are the items whose right answer is the kind's first
 * choice (a true duplicate, a planted access); precision and recall are on those, and an overlay
 * (merging two different people) counts twice against precision. {@code misses} carry the rule.
 * Coding and release-of-information exercises are graded per item as well: {@code parts} holds each
 * chart's or request's score, and {@code unresolvedEdits} the coding edits the student left standing.
 */
public record Grade(double score, double precision, double recall, int truePositives, int falsePositives,
                    int falseNegatives, int overlays, List<Miss> misses, List<Part> parts, List<Edit> unresolvedEdits) {

    public Grade {
        misses = misses == null ? List.of() : List.copyOf(misses);
        parts = parts == null ? List.of() : List.copyOf(parts);
        unresolvedEdits = unresolvedEdits == null ? List.of() : List.copyOf(unresolvedEdits);
    }

    public Grade(double score, double precision, double recall, int truePositives, int falsePositives, int falseNegatives,
                 int overlays, List<Miss> misses) {
        this(score, precision, recall, truePositives, falsePositives, falseNegatives, overlays, misses, List.of(), List.of());
    }

    public record Miss(String itemId, String given, String answer, String planted, String rule) {
    }

    /** One chart's or request's result, in percent, with what made it up (e.g. "principal right; secondaries 2 of 3"). */
    public record Part(String itemId, double score, String summary) {
    }

    /** A coding edit still standing on the student's abstract when submitted, with the rule and its source. */
    public record Edit(String itemId, String rule, String severity, String field, String code, String message, String source) {
    }
}
