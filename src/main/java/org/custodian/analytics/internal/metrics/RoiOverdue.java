package org.custodian.analytics.internal.metrics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.disclosure.DisclosureFigures;
import org.custodian.disclosure.DisclosureFigures.RequestDates;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.springframework.stereotype.Component;

/** Requests for records open past their deadline (30 days, or the one 30-day extension) at the period's end. */
@Component
class RoiOverdue implements Metric {

    private final DisclosureFigures disclosures;
    private final HospitalClock clock;

    RoiOverdue(DisclosureFigures disclosures, HospitalClock clock) {
        this.disclosures = disclosures;
        this.clock = clock;
    }

    public String id() { return "roi-overdue"; }
    public String name() { return "ROI requests overdue"; }
    public String formula() {
        return "Requests open at the period's end whose deadline (30 days from receipt, or the extended deadline) "
                + "had passed.";
    }
    public String module() { return "disclosure"; }
    public Unit unit() { return Unit.COUNT; }
    public Target target() {
        return Target.atMost(0, "HIPAA, 45 CFR 164.524(b)(2): no request past 30 days, or 60 with a written extension");
    }
    public Permission permission() { return Permission.DISCLOSURE_READ; }
    public Set<Role> homeOf() { return Set.of(Role.HIM_DIRECTOR, Role.ROI_SPECIALIST, Role.PRIVACY_OFFICER); }

    private List<RequestDates> overdue(Period period) {
        LocalDate day = clock.dateOf(period.end().minusNanos(1));
        return disclosures.requests(day, day).stream()
                .filter(r -> (r.releasedAt() == null || !r.releasedAt().isBefore(period.end())) && day.isAfter(r.deadline()))
                .toList();
    }

    public Double value(Period period) {
        return (double) overdue(period).size();
    }

    public List<Row> rows(Period period) {
        LocalDate day = clock.dateOf(period.end().minusNanos(1));
        return overdue(period).stream().map(r -> new Row(r.patientId(), null, "Request " + r.requestNumber() + " from "
                + r.requesterName(), Words.plural(ChronoUnit.DAYS.between(r.deadline(), day), "day") + " past the deadline",
                r.deadline())).toList();
    }
}
