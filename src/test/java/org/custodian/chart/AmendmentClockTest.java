package org.custodian.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** 45 CFR 164.526(b)(2): act within 60 days of receipt; one extension of at most 30 days. */
class AmendmentClockTest {

    @Test
    void sixtyDaysAcrossALeapFebruary() {
        // 2024 is a leap year: Jan 31 + 29 days = Feb 29, + 31 more = Mar 31.
        assertThat(AmendmentClock.dueOn(LocalDate.of(2024, 1, 31))).isEqualTo(LocalDate.of(2024, 3, 31));
        // The same receipt date a year later, February of 28 days: one day further on.
        assertThat(AmendmentClock.dueOn(LocalDate.of(2025, 1, 31))).isEqualTo(LocalDate.of(2025, 4, 1));
    }

    @Test
    void sixtyDaysAcrossAMonthEndAndTheYearEnd() {
        assertThat(AmendmentClock.dueOn(LocalDate.of(2025, 11, 30))).isEqualTo(LocalDate.of(2026, 1, 29));
        assertThat(AmendmentClock.dueOn(LocalDate.of(2025, 12, 31))).isEqualTo(LocalDate.of(2026, 3, 1));
    }

    @Test
    void theExtensionAddsThirtyCalendarDaysToTheDueDate() {
        LocalDate due = AmendmentClock.dueOn(LocalDate.of(2024, 1, 31)); // 2024-03-31
        assertThat(AmendmentClock.extendedTo(due)).isEqualTo(LocalDate.of(2024, 4, 30));
        // Leap day receipt: Feb 29 + 60 = Apr 29; + 30 = May 29.
        LocalDate leap = AmendmentClock.dueOn(LocalDate.of(2024, 2, 29));
        assertThat(leap).isEqualTo(LocalDate.of(2024, 4, 29));
        assertThat(AmendmentClock.extendedTo(leap)).isEqualTo(LocalDate.of(2024, 5, 29));
    }

    @Test
    void overdueOnlyAfterTheLastDay() {
        LocalDate due = LocalDate.of(2024, 3, 31);
        assertThat(AmendmentClock.overdue(due, LocalDate.of(2024, 3, 31))).isFalse();
        assertThat(AmendmentClock.overdue(due, LocalDate.of(2024, 4, 1))).isTrue();
    }
}
