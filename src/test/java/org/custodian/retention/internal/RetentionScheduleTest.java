package org.custodian.retention.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retention periods: years after service, or for minors majority + N years, whichever is later. */
class RetentionScheduleTest {

    // E.g. a state rule "10 years after the last discharge, and for minors until 3 years past majority (18)".
    static final RetentionSchedule STATE = new RetentionSchedule(1, "US-XX", "INPATIENT", 10, 18, 3, "test", "t", Instant.EPOCH);

    @Test
    void anAdultsRecordIsKeptTheScheduledYearsAfterService() {
        assertThat(STATE.retainUntil(LocalDate.of(1960, 1, 1), LocalDate.of(2010, 6, 30))).isEqualTo(LocalDate.of(2020, 6, 30));
        assertThat(STATE.minorAt(LocalDate.of(1960, 1, 1), LocalDate.of(2010, 6, 30))).isFalse();
    }

    @Test
    void aMinorsRecordIsKeptUntilMajorityPlusNYearsWhenThatIsLater() {
        // Born 2005-03-15, seen at 2: majority 2023-03-15 + 3 = 2026-03-15, later than 2007 + 10.
        assertThat(STATE.retainUntil(LocalDate.of(2005, 3, 15), LocalDate.of(2007, 5, 1))).isEqualTo(LocalDate.of(2026, 3, 15));
        // Seen at 17: 2022 + 10 = 2032 is later than 2026: the adult period governs.
        assertThat(STATE.retainUntil(LocalDate.of(2005, 3, 15), LocalDate.of(2022, 5, 1))).isEqualTo(LocalDate.of(2032, 5, 1));
    }

    @Test
    void theDayOfTheEighteenthBirthdayIsNoLongerMinority() {
        assertThat(STATE.minorAt(LocalDate.of(2004, 2, 29), LocalDate.of(2022, 2, 28))).isTrue();
        assertThat(STATE.minorAt(LocalDate.of(2004, 2, 29), LocalDate.of(2022, 3, 1))).isFalse();
    }

    @Test
    void aRecordTypeWithoutItsOwnScheduleFallsBackToTheJurisdictionsDefault() {
        RetentionSchedule any = new RetentionSchedule(2, "US-XX", "*", 7, 18, 0, "test", "t", Instant.EPOCH);
        assertThat(Schedules.pick(List.of(STATE, any), "INPATIENT")).contains(STATE);
        assertThat(Schedules.pick(List.of(STATE, any), "EMERGENCY")).contains(any);
        assertThat(Schedules.pick(List.of(STATE), "EMERGENCY")).isEmpty();
    }
}
