package org.custodian.analytics.internal.metrics;

import java.util.List;
import java.util.Set;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.cdi.CdiFigures;
import org.custodian.cdi.CdiFigures.QueryDates;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;

/**
 * A CDI rate over the queries sent in the period (the formulas of {@link org.custodian.cdi.CdiMeasures}):
 * the records behind it are the denominator's queries, each saying whether it counts in the numerator.
 * No target: neither ACDIS nor AHIMA sets one; the department sets its own.
 */
abstract class CdiRate implements Metric {

    final CdiFigures cdi;
    final HospitalClock clock;

    CdiRate(CdiFigures cdi, HospitalClock clock) {
        this.cdi = cdi;
        this.clock = clock;
    }

    public String module() { return "cdi"; }
    public Unit unit() { return Unit.PERCENT; }
    public Target target() { return null; }
    public Permission permission() { return Permission.CDI_REVIEW; }
    public Set<Role> homeOf() { return Set.of(Role.HIM_DIRECTOR, Role.CDI_SPECIALIST); }

    /** Whether a query is in the denominator. */
    abstract boolean counted(QueryDates q);

    /** Whether a counted query is in the numerator. */
    abstract boolean hit(QueryDates q);

    /** What a counted query's row says. */
    abstract String detail(QueryDates q);

    List<QueryDates> counted(Period period) {
        return cdi.queries(period.start(), period.end()).stream().filter(this::counted).toList();
    }

    public Double value(Period period) {
        List<QueryDates> qs = counted(period);
        return qs.isEmpty() ? null : 100.0 * qs.stream().filter(this::hit).count() / qs.size();
    }

    public List<Row> rows(Period period) {
        return counted(period).stream().map(q -> new Row(q.patientId(), q.encounterId(), "CDI query " + q.id(), detail(q),
                clock.dateOf(q.sentAt()))).toList();
    }

    static String outcome(QueryDates q) {
        return q.outcome() == null ? "Unanswered" : Words.encounterClass(q.outcome());
    }
}
