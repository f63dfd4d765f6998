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

/**
 * Open requests for an accounting of disclosures due within 7 days or past due at the period's end
 * (45 CFR 164.528(c)(1): act within 60 days of receipt).
 */
@Component
class AccountingRequestsDue implements Metric {

    static final int DAYS = 7;

    private final DisclosureFigures disclosures;
    private final HospitalClock clock;

    AccountingRequestsDue(DisclosureFigures disclosures, HospitalClock clock) {
        this.disclosures = disclosures;
        this.clock = clock;
    }

    public String id() { return "accounting-requests-due"; }
    public String name() { return "Accounting requests due within 7 days or overdue"; }
    public String formula() {
        return "Requests for an accounting of disclosures open at the period's end whose 60-day deadline falls within the "
                + "7 days after it or has passed.";
    }
    public String module() { return "disclosure"; }
    public Unit unit() { return Unit.COUNT; }
    public Target target() { return null; }
    public Permission permission() { return Permission.DISCLOSURE_READ; }
    public Set<Role> homeOf() { return Set.of(Role.HIM_DIRECTOR, Role.ROI_SPECIALIST, Role.PRIVACY_OFFICER); }

    private List<AccountingRequest> due(Period period) {
        LocalDate day = clock.dateOf(period.end().minusNanos(1));
        return AccountingRequestsOpen.open(disclosures, clock, period).stream()
                .filter(a -> !a.dueOn().isAfter(day.plusDays(DAYS))).toList();
    }

    public Double value(Period period) {
        return (double) due(period).size();
    }

    public List<Row> rows(Period period) {
        LocalDate day = clock.dateOf(period.end().minusNanos(1));
        return due(period).stream().map(a -> new Row(a.patientId(), null,
                "Accounting requested by " + a.requesterName() + " on " + a.receivedOn(),
                a.overdue(day) ? Words.plural(ChronoUnit.DAYS.between(a.dueOn(), day), "day") + " past the deadline" : "Due",
                a.dueOn())).toList();
    }
}
