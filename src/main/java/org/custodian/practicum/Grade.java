package org.custodian.practicum;

import java.util.List;

/**
 * A graded submission. {@code positives} are the items whose right answer is the kind's first
 * choice (a true duplicate, a planted access); precision and recall are on those, and an overlay
 * (merging two different people) counts twice against precision. {@code misses} carry the rule.
 */
public record Grade(double score, double precision, double recall, int truePositives, int falsePositives,
                    int falseNegatives, int overlays, List<Miss> misses) {

    public record Miss(String itemId, String given, String answer, String planted, String rule) {
    }
}
