package org.custodian.analytics.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The median of the days to completion: the middle value, or the mean of the two middle values; none without data. */
class CompletionMedianDaysTest {

    @Test
    void medianOfOddAndEvenCountsAndOfNothing() {
        assertThat(CompletionMedianDays.median(List.of(9.0, 1.0, 4.0))).isEqualTo(4.0);
        assertThat(CompletionMedianDays.median(List.of(9.0, 1.0, 4.0, 2.0))).isEqualTo(3.0);
        assertThat(CompletionMedianDays.median(List.of())).isNull();
    }
}
