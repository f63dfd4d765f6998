package org.custodian.analytics.internal.metrics;

import java.util.List;
import java.util.Set;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.completion.CompletionFigures;
import org.custodian.completion.Delinquency;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.springframework.stereotype.Component;

/**
 * The delinquency rate under the formula record completion's policy names (by default the
 * historical Joint Commission measure: delinquent records ÷ average monthly discharges), held to
 * the former standard's 50% alert level.
 */
@Component
class DelinquencyRate implements Metric {

    private final CompletionFigures completion;
    private final HospitalClock clock;

    DelinquencyRate(CompletionFigures completion, HospitalClock clock) {
        this.completion = completion;
        this.clock = clock;
    }

    public String id() { return "completion-delinquency-rate"; }
    public String name() { return "Delinquency rate"; }
    public String formula() {
        return "Under the formula record completion's policy names. Delinquent records ÷ average monthly discharges over "
                + "the last quarter (the default, the historical Joint Commission measure): records delinquent at the end of "
                + "the period, divided by the discharges of the three whole months before the period's month ÷ 3, in percent. "
                + "Delinquent records ÷ discharges in the period (the alternative): of the records discharged in the period, "
                + "the share that became delinquent. A period without discharges reads 0%.";
    }
    public String module() { return "completion"; }
    public Unit unit() { return Unit.PERCENT; }
    public Target target() {
        return Target.atMost(50, "The Joint Commission's former standard IM.6.10 EP 3: delinquent records at most 50% of the "
                + "average monthly discharges. Retired in 2016; the alert level survives in many medical staff bylaws and is "
                + "configurable in record completion's policy.");
    }
    public Permission permission() { return Permission.COMPLETION_ANALYZE; }
    public Set<Role> homeOf() { return Set.of(Role.HIM_DIRECTOR, Role.HIM_ANALYST); }

    Delinquency delinquency(Period period) {
        return completion.delinquency(period.from(), RecordsIncomplete.lastDay(clock, period));
    }

    public Double value(Period period) {
        return delinquency(period).rate();
    }

    /** The delinquent records at the period's end (the numerator of the default formula). */
    public List<Row> rows(Period period) {
        return completion.incompleteOn(RecordsIncomplete.lastDay(clock, period)).stream()
                .filter(org.custodian.completion.CompletionFigures.OpenRecord::delinquent)
                .map(r -> RecordsIncomplete.row(clock, r)).toList();
    }
}
