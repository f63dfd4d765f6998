package org.custodian.analytics.internal.metrics;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.disclosure.DisclosureFigures;
import org.custodian.disclosure.DisclosureFigures.RequestDates;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.springframework.stereotype.Component;

/** Requests for records open and due within the next 7 days: the ROI specialist's week. */
@Component
class RoiDueThisWeek implements Metric {

    static final int DAYS = 7;

    private final DisclosureFigures disclosures;
    private final HospitalClock clock;

    RoiDueThisWeek(DisclosureFigures disclosures, HospitalClock clock) {
        this.disclosures = disclosures;
        this.clock = clock;
    }

    public String id() { return "roi-due-soon"; }
    public String name() { return "ROI requests due within 7 days"; }
    public String formula() {
        return "Requests open at the period's end whose deadline falls on that day or within the 7 days after it.";
    }
    public String module() { return "disclosure"; }
    public Unit unit() { return Unit.COUNT; }
    public Target target() { return null; }
    public Permission permission() { return Permission.DISCLOSURE_READ; }
    public Set<Role> homeOf() { return Set.of(Role.HIM_DIRECTOR, Role.ROI_SPECIALIST); }

    private List<RequestDates> due(Period period) {
        LocalDate day = clock.dateOf(period.end().minusNanos(1));
        return disclosures.requests(day, day).stream()
                .filter(r -> (r.releasedAt() == null || !r.releasedAt().isBefore(period.end()))
                        && !r.deadline().isBefore(day) && !r.deadline().isAfter(day.plusDays(DAYS)))
                .toList();
    }

    public Double value(Period period) {
        return (double) due(period).size();
    }

    public List<Row> rows(Period period) {
        return due(period).stream().map(r -> new Row(r.patientId(), null, "Request " + r.requestNumber() + " from "
                + r.requesterName(), "Due", r.deadline())).toList();
    }
}
