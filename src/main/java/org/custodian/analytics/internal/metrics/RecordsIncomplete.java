package org.custodian.analytics.internal.metrics;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.completion.CompletionFigures;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.springframework.stereotype.Component;

/** Records with at least one open deficiency at the period's end. */
@Component
class RecordsIncomplete implements Metric {

    private final CompletionFigures completion;
    private final HospitalClock clock;

    RecordsIncomplete(CompletionFigures completion, HospitalClock clock) {
        this.completion = completion;
        this.clock = clock;
    }

    /** The last hospital day of the period (the period's end is exclusive). */
    static LocalDate lastDay(HospitalClock clock, Period period) {
        return clock.dateOf(period.end().minusNanos(1));
    }

    static Row row(HospitalClock clock, CompletionFigures.OpenRecord r) {
        String detail = r.openDeficiencies() + " open deficienc" + (r.openDeficiencies() == 1 ? "y" : "ies")
                + (r.dischargedAt() == null ? ", not discharged" : ", " + Words.plural(r.daysSinceDischarge(), "day") + " since discharge")
                + (r.delinquent() ? " (delinquent)" : "");
        return new Row(r.patientId(), r.encounterId(), r.delinquent() ? "Delinquent record" : "Incomplete record", detail,
                r.dischargedAt() == null ? null : clock.dateOf(r.dischargedAt()));
    }

    public String id() { return "completion-incomplete-records"; }
    public String name() { return "Incomplete records"; }
    public String formula() {
        return "Records (encounters) with at least one deficiency open at the end of the period's last day: opened on or "
                + "before it and not closed by then. Delinquent records are counted here too.";
    }
    public String module() { return "completion"; }
    public Unit unit() { return Unit.COUNT; }
    public Target target() { return null; }
    public Permission permission() { return Permission.COMPLETION_ANALYZE; }
    public Set<Role> homeOf() { return Set.of(Role.HIM_DIRECTOR, Role.HIM_ANALYST); }

    public Double value(Period period) {
        return (double) completion.incompleteOn(lastDay(clock, period)).size();
    }

    public List<Row> rows(Period period) {
        return completion.incompleteOn(lastDay(clock, period)).stream().map(r -> row(clock, r)).toList();
    }
}
