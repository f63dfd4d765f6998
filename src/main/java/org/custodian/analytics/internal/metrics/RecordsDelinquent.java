package org.custodian.analytics.internal.metrics;

import java.util.List;
import java.util.Set;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.completion.CompletionFigures;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.springframework.stereotype.Component;

/** Incomplete records past the bylaws' completion period at the period's end. */
@Component
class RecordsDelinquent implements Metric {

    private final CompletionFigures completion;
    private final HospitalClock clock;

    RecordsDelinquent(CompletionFigures completion, HospitalClock clock) {
        this.completion = completion;
        this.clock = clock;
    }

    public String id() { return "completion-delinquent-records"; }
    public String name() { return "Delinquent records"; }
    public String formula() {
        return "Incomplete records at the end of the period's last day whose discharge date plus the bylaws' completion "
                + "period (N days, record completion's policy) had passed: the day is on or after discharge date + N + 1.";
    }
    public String module() { return "completion"; }
    public Unit unit() { return Unit.COUNT; }
    public Target target() {
        return Target.atMost(0, "CMS Conditions of Participation, 42 CFR 482.24(c)(4)(viii): the medical record completed "
                + "no later than 30 days after discharge");
    }
    public Permission permission() { return Permission.COMPLETION_ANALYZE; }
    public Set<Role> homeOf() { return Set.of(Role.HIM_DIRECTOR, Role.HIM_ANALYST); }

    public Double value(Period period) {
        return (double) completion.incompleteOn(RecordsIncomplete.lastDay(clock, period)).stream()
                .filter(CompletionFigures.OpenRecord::delinquent).count();
    }

    public List<Row> rows(Period period) {
        return completion.incompleteOn(RecordsIncomplete.lastDay(clock, period)).stream()
                .filter(CompletionFigures.OpenRecord::delinquent).map(r -> RecordsIncomplete.row(clock, r)).toList();
    }
}
