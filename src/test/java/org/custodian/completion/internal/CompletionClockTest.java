package org.custodian.completion.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodian.completion.internal.AnalyzerTest.local;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.custodian.completion.EscalationStep;
import org.junit.jupiter.api.Test;

/**
 * Delinquency counted in the hospital's calendar days (within 42 CFR 482.24(c)(4)(viii)'s 30 days):
 * month ends, a discharge at 23:30 local (already tomorrow in UTC), the daylight-saving change,
 * and the escalation ladder's days.
 */
class CompletionClockTest {

    static final ZoneId ZONE = ZoneId.of("America/New_York");

    @Test
    void aDischargeAt2330OnJanuary31IsDelinquentFromMarch3NotMarch4() {
        Instant discharge = local("2026-01-31T23:30"); // 04:30 UTC on February 1
        assertThat(CompletionClock.delinquentOn(discharge, ZONE, 30)).isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(CompletionClock.delinquent(discharge, ZONE, 30, LocalDate.of(2026, 3, 2))).isFalse();
        assertThat(CompletionClock.delinquent(discharge, ZONE, 30, LocalDate.of(2026, 3, 3))).isTrue();
        assertThat(CompletionClock.daysLeft(discharge, ZONE, 30, LocalDate.of(2026, 3, 2))).isZero();
        assertThat(CompletionClock.daysLeft(discharge, ZONE, 30, LocalDate.of(2026, 2, 1))).isEqualTo(29);
    }

    @Test
    void aLeapYearFebruaryEndMovesTheLineByADay() {
        assertThat(CompletionClock.delinquentOn(local("2028-01-31T10:00"), ZONE, 30)).isEqualTo(LocalDate.of(2028, 3, 2));
    }

    @Test
    void theDaylightSavingChangeNeitherAddsNorLosesADay() {
        Instant discharge = local("2026-03-07T23:30");
        assertThat(CompletionClock.delinquentOn(discharge, ZONE, 30)).isEqualTo(LocalDate.of(2026, 4, 7));
        assertThat(CompletionClock.daysSinceDischarge(discharge, ZONE, LocalDate.of(2026, 3, 9))).isEqualTo(2);
        Instant fall = local("2026-10-31T23:30");
        assertThat(CompletionClock.delinquentOn(fall, ZONE, 30)).isEqualTo(LocalDate.of(2026, 12, 1));
    }

    @Test
    void theLadderClimbsOnItsDays() {
        assertThat(CompletionClock.step(20, 21, 37, 45)).isNull();
        assertThat(CompletionClock.step(21, 21, 37, 45)).isEqualTo(EscalationStep.REMINDER);
        assertThat(CompletionClock.step(36, 21, 37, 45)).isEqualTo(EscalationStep.REMINDER);
        assertThat(CompletionClock.step(37, 21, 37, 45)).isEqualTo(EscalationStep.CHAIR_NOTICE);
        assertThat(CompletionClock.step(45, 21, 37, 45)).isEqualTo(EscalationStep.SUSPENSION);
    }

    @Test
    void theRateIsAPercentToTwoDecimalsAndZeroWithoutDischarges() {
        assertThat(CompletionClock.rate(50, 100)).isEqualTo(50.0);
        assertThat(CompletionClock.rate(1, 3)).isEqualTo(33.33);
        assertThat(CompletionClock.rate(5, 0)).isZero();
    }
}
