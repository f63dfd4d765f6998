package org.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The hospital's calendar, not UTC's, decides "today" (see HospitalClock). */
class HospitalClockTest {

    private static final ZoneId EASTERN = ZoneId.of("America/New_York");

    @Test
    void todayIsTheHospitalsDateLateInTheEvening() {
        Instant halfPastEleven = LocalDateTime.of(2026, 3, 1, 23, 30).atZone(EASTERN).toInstant();
        HospitalClock clock = HospitalClock.fixed(halfPastEleven, EASTERN);
        assertThat(LocalDate.ofInstant(halfPastEleven, java.time.ZoneOffset.UTC)).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(clock.today()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(LocalDate.now(clock)).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(clock.dateOf(halfPastEleven)).isEqualTo(LocalDate.of(2026, 3, 1));
    }

    @Test
    void aDayStartsAtLocalMidnightAcrossDaylightSavingTime() {
        HospitalClock clock = HospitalClock.fixed(Instant.parse("2026-03-08T12:00:00Z"), EASTERN);
        assertThat(clock.startOf(LocalDate.of(2026, 3, 8))).isEqualTo(Instant.parse("2026-03-08T05:00:00Z"));
        assertThat(clock.startOf(LocalDate.of(2026, 3, 9))).isEqualTo(Instant.parse("2026-03-09T04:00:00Z"));
    }

    @Test
    void ofKeepsAHospitalClockAndWrapsAnyOther() {
        HospitalClock clock = HospitalClock.system(EASTERN);
        assertThat(HospitalClock.of(clock)).isSameAs(clock);
        assertThat(HospitalClock.of(java.time.Clock.systemUTC()).getZone()).isEqualTo(java.time.ZoneOffset.UTC);
    }
}
