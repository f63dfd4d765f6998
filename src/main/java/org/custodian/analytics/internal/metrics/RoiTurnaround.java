package org.custodian.analytics.internal.metrics;

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

/** Average days from receiving a request for records to releasing them, held to HIPAA's 30 days. */
@Component
class RoiTurnaround implements Metric {

    private final DisclosureFigures disclosures;
    private final HospitalClock clock;

    RoiTurnaround(DisclosureFigures disclosures, HospitalClock clock) {
        this.disclosures = disclosures;
        this.clock = clock;
    }

    public String id() { return "roi-turnaround"; }
    public String name() { return "ROI turnaround"; }
    public String formula() {
        return "Over the requests released in the period: calendar days from receipt to release, averaged.";
    }
    public String module() { return "disclosure"; }
    public Unit unit() { return Unit.DAYS; }
    public Target target() {
        return Target.atMost(30, "HIPAA, 45 CFR 164.524(b)(2): act on a request for access within 30 days of receipt");
    }
    public Permission permission() { return Permission.DISCLOSURE_READ; }
    public Set<Role> homeOf() { return Set.of(Role.HIM_DIRECTOR, Role.ROI_SPECIALIST); }

    private List<RequestDates> released(Period period) {
        return disclosures.requests(period.from(), period.to()).stream()
                .filter(r -> r.releasedAt() != null && !r.releasedAt().isBefore(period.start()) && r.releasedAt().isBefore(period.end()))
                .toList();
    }

    private long days(RequestDates r) {
        return ChronoUnit.DAYS.between(r.receivedOn(), clock.dateOf(r.releasedAt()));
    }

    public Double value(Period period) {
        return released(period).stream().mapToLong(this::days).average().stream().boxed().findFirst().orElse(null);
    }

    public List<Row> rows(Period period) {
        return released(period).stream().map(r -> new Row(r.patientId(), null, "Request " + r.requestNumber()
                + " from " + r.requesterName(), "Released after " + Words.plural(days(r), "day"), clock.dateOf(r.releasedAt())))
                .toList();
    }
}
