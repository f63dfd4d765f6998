package org.custodian.analytics.internal.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.completion.CompletionFigures;
import org.custodian.completion.CompletionFigures.CompletedDeficiency;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.springframework.stereotype.Component;

/** Median days from a deficiency's opening to its completion, over those completed in the period. */
@Component
class CompletionMedianDays implements Metric {

    private final CompletionFigures completion;
    private final HospitalClock clock;

    CompletionMedianDays(CompletionFigures completion, HospitalClock clock) {
        this.completion = completion;
        this.clock = clock;
    }

    public String id() { return "completion-median-days"; }
    public String name() { return "Median days to completion"; }
    public String formula() {
        return "Over the deficiencies completed (closed) in the period: the median of the days from the deficiency's "
                + "opening to its closing (fractional days; the middle value, or the mean of the two middle values).";
    }
    public String module() { return "completion"; }
    public Unit unit() { return Unit.DAYS; }
    public Target target() { return null; }
    public Permission permission() { return Permission.COMPLETION_MANAGE; }
    public Set<Role> homeOf() { return Set.of(Role.HIM_DIRECTOR); }

    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    public Double value(Period period) {
        return median(completion.completed(period.start(), period.end()).stream().map(CompletedDeficiency::days).toList());
    }

    public List<Row> rows(Period period) {
        return completion.completed(period.start(), period.end()).stream().map(d -> new Row(d.patientId(), d.encounterId(),
                "Deficiency completed (" + Words.encounterClass(d.rule()) + ")",
                String.format(Locale.US, "%.1f days from opening to completion", d.days()), clock.dateOf(d.closedAt()))).toList();
    }
}
