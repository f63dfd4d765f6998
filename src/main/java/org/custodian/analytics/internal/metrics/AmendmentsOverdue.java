package org.custodian.analytics.internal.metrics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.chart.AmendmentFigures;
import org.custodian.chart.AmendmentFigures.AmendmentDates;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.springframework.stereotype.Component;

/** Requests to amend undecided past their 60-day deadline at the period's end. */
@Component
class AmendmentsOverdue implements Metric {

    private final AmendmentFigures amendments;
    private final HospitalClock clock;

    AmendmentsOverdue(AmendmentFigures amendments, HospitalClock clock) {
        this.amendments = amendments;
        this.clock = clock;
    }

    public String id() { return "amendments-overdue"; }
    public String name() { return "Amendment requests overdue"; }
    public String formula() {
        return "Requests to amend undecided at the period's end whose deadline (60 days from receipt, or the "
                + "extended deadline) had passed.";
    }
    public String module() { return "chart"; }
    public Unit unit() { return Unit.COUNT; }
    public Target target() {
        return Target.atMost(0, "HIPAA, 45 CFR 164.526(b)(2): act on a request to amend within 60 days, "
                + "or 90 with a written extension");
    }
    public Permission permission() { return Permission.AMENDMENT_MANAGE; }
    public Set<Role> homeOf() { return Set.of(Role.HIM_DIRECTOR, Role.PRIVACY_OFFICER); }

    static List<AmendmentDates> undecided(AmendmentFigures amendments, HospitalClock clock, Period period) {
        LocalDate day = clock.dateOf(period.end().minusNanos(1));
        return amendments.requests(day, day).stream()
                .filter(a -> a.decidedAt() == null || !a.decidedAt().isBefore(period.end())).toList();
    }

    public Double value(Period period) {
        LocalDate day = clock.dateOf(period.end().minusNanos(1));
        return (double) undecided(amendments, clock, period).stream().filter(a -> day.isAfter(a.deadline())).count();
    }

    public List<Row> rows(Period period) {
        LocalDate day = clock.dateOf(period.end().minusNanos(1));
        return undecided(amendments, clock, period).stream().filter(a -> day.isAfter(a.deadline()))
                .map(a -> new Row(a.patientId(), null, "Request to amend received " + a.receivedOn(),
                        Words.plural(ChronoUnit.DAYS.between(a.deadline(), day), "day") + " past the deadline", a.deadline()))
                .toList();
    }
}
