package org.custodian.analytics.internal.metrics;

import java.util.List;
import java.util.Set;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.chart.AmendmentFigures;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.springframework.stereotype.Component;

/** Requests to amend waiting for a decision at the period's end, soonest deadline first. */
@Component
class AmendmentsPending implements Metric {

    private final AmendmentFigures amendments;
    private final HospitalClock clock;

    AmendmentsPending(AmendmentFigures amendments, HospitalClock clock) {
        this.amendments = amendments;
        this.clock = clock;
    }

    public String id() { return "amendments-pending"; }
    public String name() { return "Amendment requests pending"; }
    public String formula() { return "Requests to amend received by the period's end and not yet accepted or denied then."; }
    public String module() { return "chart"; }
    public Unit unit() { return Unit.COUNT; }
    public Target target() { return null; }
    public Permission permission() { return Permission.AMENDMENT_MANAGE; }
    public Set<Role> homeOf() { return Set.of(Role.HIM_DIRECTOR, Role.PRIVACY_OFFICER); }

    public Double value(Period period) {
        return (double) AmendmentsOverdue.undecided(amendments, clock, period).size();
    }

    public List<Row> rows(Period period) {
        return AmendmentsOverdue.undecided(amendments, clock, period).stream()
                .map(a -> new Row(a.patientId(), null, "Request to amend received " + a.receivedOn(), "Due", a.deadline()))
                .toList();
    }
}
