package org.custodian.analytics.internal.metrics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.disclosure.AccountingRequest;
import org.custodian.disclosure.DisclosureFigures;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.springframework.stereotype.Component;

/** Requests for an accounting of disclosures open at the period's end (45 CFR 164.528(c)(1): 60 days). */
@Component
class AccountingRequestsOpen implements Metric {

    private final DisclosureFigures disclosures;
    private final HospitalClock clock;

    AccountingRequestsOpen(DisclosureFigures disclosures, HospitalClock clock) {
        this.disclosures = disclosures;
        this.clock = clock;
    }

    public String id() { return "accounting-requests-open"; }
    public String name() { return "Accounting requests open"; }
    public String formula() {
        return "Requests for an accounting of disclosures received on or before the period's last day and not fulfilled by then.";
    }
    public String module() { return "disclosure"; }
    public Unit unit() { return Unit.COUNT; }
    public Target target() { return null; }
    public Permission permission() { return Permission.DISCLOSURE_READ; }
    public Set<Role> homeOf() { return Set.of(Role.HIM_DIRECTOR, Role.ROI_SPECIALIST, Role.PRIVACY_OFFICER); }

    /** Requests open at the end of the period's last day. */
    static List<AccountingRequest> open(DisclosureFigures disclosures, HospitalClock clock, Period period) {
        LocalDate day = clock.dateOf(period.end().minusNanos(1));
        return disclosures.accountingRequests(day, day).stream()
                .filter(a -> a.fulfilledOn() == null || a.fulfilledOn().isAfter(day)).toList();
    }

    public Double value(Period period) {
        return (double) open(disclosures, clock, period).size();
    }

    public List<Row> rows(Period period) {
        LocalDate day = clock.dateOf(period.end().minusNanos(1));
        return open(disclosures, clock, period).stream().map(a -> new Row(a.patientId(), null,
                "Accounting requested by " + a.requesterName() + " on " + a.receivedOn(),
                a.overdue(day) ? Words.plural(ChronoUnit.DAYS.between(a.dueOn(), day), "day") + " past the deadline"
                        : "Due in " + Words.plural(ChronoUnit.DAYS.between(day, a.dueOn()), "day"), a.dueOn())).toList();
    }
}
