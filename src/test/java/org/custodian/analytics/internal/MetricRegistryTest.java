package org.custodian.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.custodian.HospitalClock;
import org.custodian.Problem;
import org.custodian.analytics.Metric;
import org.custodian.analytics.internal.MetricRegistry.Interval;
import org.custodian.analytics.internal.MetricRegistry.Status;
import org.custodian.privacy.Permission;
import org.junit.jupiter.api.Test;

/** Periods by interval, series over past, current and future periods, status against the target, CSV cells. */
class MetricRegistryTest {

    /** 23:30 on 15 March 2026 in New York: already the 16th in UTC, still the 15th at the hospital. */
    static final HospitalClock CLOCK = HospitalClock.fixed(Instant.parse("2026-03-16T03:30:00Z"), ZoneId.of("America/New_York"));

    /** A metric whose value is the number of days in the period, remembering the periods it was asked for. */
    static class DaysMetric implements Metric {
        final List<Period> asked = new ArrayList<>();
        final boolean historical;
        final Target target;

        DaysMetric(boolean historical, Target target) {
            this.historical = historical;
            this.target = target;
        }

        public String id() { return historical ? "days" : "days-now"; }
        public String name() { return "Days"; }
        public String formula() { return "Days in the period."; }
        public String module() { return "test"; }
        public Unit unit() { return Unit.DAYS; }
        public Target target() { return target; }
        public Permission permission() { return Permission.AUDIT_READ; }
        public boolean historical() { return historical; }
        public Double value(Period p) {
            asked.add(p);
            return (double) (p.to().toEpochDay() - p.from().toEpochDay() + 1);
        }
        public List<Row> rows(Period p) { return List.of(); }
    }

    private final DaysMetric days = new DaysMetric(true, Metric.Target.atMost(20, "test"));
    private final DaysMetric now = new DaysMetric(false, null);
    private final MetricRegistry registry = new MetricRegistry(List.of(days, now), CLOCK, null);

    @Test
    void todayIsTheHospitalsDayAndTheCurrentPeriodEndsNow() {
        assertThat(registry.today()).isEqualTo(LocalDate.of(2026, 3, 15));
        Metric.Period p = registry.period(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        assertThat(p.start()).isEqualTo(Instant.parse("2026-03-01T05:00:00Z"));
        assertThat(p.end()).isEqualTo(CLOCK.instant());
        assertThat(registry.period(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)).end())
                .isEqualTo(Instant.parse("2026-03-01T05:00:00Z"));
    }

    @Test
    void monthsWeeksAndDaysCutToThePeriod() {
        List<Metric.Period> months = registry.periods(LocalDate.of(2026, 1, 10), LocalDate.of(2026, 3, 15), Interval.MONTH);
        assertThat(months).extracting(Metric.Period::from)
                .containsExactly(LocalDate.of(2026, 1, 10), LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1));
        assertThat(months).extracting(Metric.Period::to)
                .containsExactly(LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 15));
        // Weeks end on Sunday: 2026-03-01 is a Sunday.
        assertThat(registry.periods(LocalDate.of(2026, 2, 25), LocalDate.of(2026, 3, 10), Interval.WEEK))
                .extracting(Metric.Period::to)
                .containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 10));
        assertThat(registry.periods(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 7), Interval.DAY)).hasSize(7);
        assertThatThrownBy(() -> registry.periods(LocalDate.of(2020, 1, 1), LocalDate.of(2026, 1, 1), Interval.DAY))
                .isInstanceOf(Problem.class).hasMessageContaining("At most 400");
        assertThatThrownBy(() -> registry.periods(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1), Interval.DAY))
                .isInstanceOf(Problem.class);
        assertThat(MetricRegistry.interval(null)).isEqualTo(Interval.MONTH);
        assertThat(MetricRegistry.interval("Week")).isEqualTo(Interval.WEEK);
        assertThatThrownBy(() -> MetricRegistry.interval("fortnight")).isInstanceOf(Problem.class);
    }

    @Test
    void futurePeriodsHaveNoValueAndAFigureKnownOnlyNowHasOnlyTheCurrentPeriod() {
        var series = registry.series(days, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 5, 31), Interval.MONTH);
        assertThat(series.points()).extracting(MetricRegistry.Point::value).containsExactly(31.0, 28.0, 31.0, null, null);
        assertThat(series.latest().from()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(days.asked).hasSize(3);
        // 31 days > target of at most 20.
        assertThat(series.status()).isEqualTo(Status.MISSES);

        var snapshot = registry.series(now, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31), Interval.MONTH);
        assertThat(snapshot.points()).extracting(MetricRegistry.Point::value).containsExactly(null, null, 31.0);
        assertThat(snapshot.status()).isEqualTo(Status.NO_TARGET);
    }

    @Test
    void statusAgainstTheTargetAndFormatting() {
        assertThat(MetricRegistry.status(days, 20.0)).isEqualTo(Status.MEETS);
        assertThat(MetricRegistry.status(days, 20.01)).isEqualTo(Status.MISSES);
        assertThat(MetricRegistry.status(days, null)).isEqualTo(Status.NO_DATA);
        assertThat(MetricRegistry.format(days, 3.25)).isEqualTo("3.3 days");
        assertThat(MetricRegistry.targetText(days)).isEqualTo("Target ≤ 20.0 days");
        assertThat(Metric.Target.atLeast(95, "x").met(94.9)).isFalse();
    }

    @Test
    void dollarsAreWrittenWithTheSignFirstAndAnIndexWithFourDecimals() {
        DaysMetric dollars = new DaysMetric(true, null) {
            public Unit unit() { return Unit.DOLLARS; }
        };
        DaysMetric index = new DaysMetric(true, null) {
            public Unit unit() { return Unit.INDEX; }
        };
        assertThat(MetricRegistry.format(dollars, 1234567.49)).isEqualTo("$1,234,567");
        assertThat(MetricRegistry.format(dollars, -12.6)).isEqualTo("-$13");
        assertThat(MetricRegistry.format(index, 0.97145)).isEqualTo("0.9715");
        assertThat(Metric.Unit.DOLLARS.words()).isEqualTo("US dollars");
    }

    @Test
    void twoMetricsWithOneIdOrAnIdThatIsNotASlugAreRefusedAtStart() {
        assertThatThrownBy(() -> new MetricRegistry(List.of(days, new DaysMetric(true, null)), CLOCK, null))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCsvCellASpreadsheetWouldRunAsAFormulaIsQuotedInert() {
        assertThat(Csv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(Csv.cell("Doe, Jane")).isEqualTo("\"Doe, Jane\"");
        assertThat(Csv.cell("plain")).isEqualTo("plain");
        assertThat(Csv.cell(null)).isEmpty();
    }
}
