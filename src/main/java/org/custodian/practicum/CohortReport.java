package org.custodian.practicum;

import java.time.Duration;
import java.util.List;

/** The instructor's view of a cohort: each student's result per exercise, and the most frequent mistakes. */
public record CohortReport(long cohortId, String name, List<String> students, List<Result> results,
                           List<FrequentMistake> frequentMistakes) {

    public record Result(String student, String exerciseId, long workspaceId, boolean submitted, Double score,
                         Double precision, Double recall, Integer overlays, Duration timeSpent) {
    }

    public record FrequentMistake(String exerciseId, String planted, long count) {
    }
}
