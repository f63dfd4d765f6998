package org.custodian.analytics.internal.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.mpi.DuplicateFigures;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.springframework.stereotype.Component;

/** The master patient index's duplicate rate at the period's end. */
@Component
class DuplicateRate implements Metric {

    private final DuplicateFigures mpi;
    private final HospitalClock clock;

    DuplicateRate(DuplicateFigures mpi, HospitalClock clock) {
        this.mpi = mpi;
        this.clock = clock;
    }

    public String id() { return "mpi-duplicate-rate"; }
    public String name() { return "Duplicate record rate"; }
    public String formula() {
        return "Registrations merged away plus registrations suspected in pairs pending review, divided by all "
                + "registrations, at the period's end.";
    }
    public String module() { return "patient"; }
    public Unit unit() { return Unit.PERCENT; }
    public Target target() {
        return Target.atMost(1, "AHIMA, Fundamentals for Building a Master Patient Index/Enterprise Master Patient "
                + "Index: a duplicate rate under 1%");
    }
    public Permission permission() { return Permission.MPI_REVIEW; }
    public Set<Role> homeOf() { return Set.of(Role.HIM_DIRECTOR, Role.DATA_INTEGRITY_ANALYST); }

    public Double value(Period period) {
        return 100.0 * mpi.at(period.end()).duplicateRate();
    }

    public List<Row> rows(Period period) {
        return pairs(mpi, clock, period);
    }

    /** Each pending pair as two rows, one per registration, so that both are named. */
    static List<Row> pairs(DuplicateFigures mpi, HospitalClock clock, Period period) {
        List<Row> rows = new ArrayList<>();
        for (var p : mpi.at(period.end()).pending()) {
            String score = String.format(java.util.Locale.US, "match weight %.1f", p.weight());
            rows.add(new Row(p.patientA(), null, "Pair " + p.pairId() + ": first registration", score, clock.dateOf(p.foundAt())));
            rows.add(new Row(p.patientB(), null, "Pair " + p.pairId() + ": suspected duplicate", score, clock.dateOf(p.foundAt())));
        }
        return rows;
    }
}
