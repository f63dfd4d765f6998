package org.custodian.analytics.internal.metrics;

import java.util.List;
import java.util.Set;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.mpi.DuplicateFigures;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.springframework.stereotype.Component;

/** Pairs on the duplicate worklist waiting for an analyst at the period's end. */
@Component
class DuplicatePairsPending implements Metric {

    private final DuplicateFigures mpi;
    private final HospitalClock clock;

    DuplicatePairsPending(DuplicateFigures mpi, HospitalClock clock) {
        this.mpi = mpi;
        this.clock = clock;
    }

    public String id() { return "mpi-pairs-pending"; }
    public String name() { return "Duplicate pairs to review"; }
    public String formula() {
        return "Pairs found by the period's end and not yet decided then (open, or parked as needing research).";
    }
    public String module() { return "patient"; }
    public Unit unit() { return Unit.COUNT; }
    public Target target() { return null; }
    public Permission permission() { return Permission.MPI_REVIEW; }
    public Set<Role> homeOf() { return Set.of(Role.HIM_DIRECTOR, Role.DATA_INTEGRITY_ANALYST); }

    public Double value(Period period) {
        return (double) mpi.at(period.end()).pending().size();
    }

    public List<Row> rows(Period period) {
        return DuplicateRate.pairs(mpi, clock, period);
    }
}
