package org.custodian.analytics.internal.metrics;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.coding.CodingFigures;
import org.custodian.coding.CodingFigures.FinalizedChart;
import org.custodian.privacy.Permission;
import org.springframework.stereotype.Component;

/**
 * Charts coded per hour, the department's, by the same rule as the coding productivity page: a
 * coder's hours on a day are the span from the first abstract started to the last finalized that day
 * (at least 15 minutes).
 */
@Component
class CodingProductivity implements Metric {

    final CodingFigures coding;
    final HospitalClock clock;

    CodingProductivity(CodingFigures coding, HospitalClock clock) {
        this.coding = coding;
        this.clock = clock;
    }

    public String id() { return "coding-productivity"; }
    public String name() { return "Coding productivity"; }
    public String formula() {
        return "Billing abstracts finalized in the period divided by coding hours, a coder's hours on a day being "
                + "the span from the first abstract started to the last finalized that day (at least 15 minutes).";
    }
    public String module() { return "coding"; }
    public Unit unit() { return Unit.RATE; }
    public Target target() {
        return Target.atLeast(2.0, "Department standard for mixed inpatient and outpatient work (hospital policy)");
    }
    public Permission permission() { return Permission.CODING_AUDIT; }

    public Double value(Period period) {
        return rate(coding.finalized(period.start(), period.end()), c -> true);
    }

    Double rate(List<FinalizedChart> all, Predicate<FinalizedChart> whose) {
        List<FinalizedChart> charts = all.stream().filter(whose).toList();
        if (charts.isEmpty()) {
            return null;
        }
        record Day(String coder, LocalDate day) {
        }
        Map<Day, java.time.Instant[]> spans = new HashMap<>();
        for (FinalizedChart c : charts) {
            spans.merge(new Day(c.coder(), clock.dateOf(c.finalizedAt())), new java.time.Instant[] {c.startedAt(), c.finalizedAt()},
                    (a, b) -> new java.time.Instant[] {a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
        }
        double hours = spans.values().stream()
                .mapToDouble(s -> Math.max(Duration.between(s[0], s[1]).toSeconds() / 3600.0, 0.25)).sum();
        return charts.size() / hours;
    }

    public List<Row> rows(Period period) {
        return coding.finalized(period.start(), period.end()).stream().map(c -> new Row(c.patientId(), c.encounterId(),
                "Coded by " + c.coder(), "Finalized", clock.dateOf(c.finalizedAt()))).toList();
    }
}
