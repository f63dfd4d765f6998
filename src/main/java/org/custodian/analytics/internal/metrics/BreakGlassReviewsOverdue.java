package org.custodian.analytics.internal.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.privacy.EmergencyAccessFigures;
import org.custodian.privacy.EmergencyAccessFigures.PendingReview;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.springframework.stereotype.Component;

/** Break-the-glass grants not reviewed by their deadline at the period's end. */
@Component
class BreakGlassReviewsOverdue implements Metric {

    private final EmergencyAccessFigures emergencyAccess;
    private final HospitalClock clock;

    BreakGlassReviewsOverdue(EmergencyAccessFigures emergencyAccess, HospitalClock clock) {
        this.emergencyAccess = emergencyAccess;
        this.clock = clock;
    }

    public String id() { return "break-glass-reviews-overdue"; }
    public String name() { return "Break-the-glass reviews overdue"; }
    public String formula() {
        return "Break-the-glass grants (emergency access to a flagged chart) made before the period's end, not reviewed "
                + "by then, whose review deadline had passed.";
    }
    public String module() { return "privacy"; }
    public Unit unit() { return Unit.COUNT; }
    public Target target() {
        return Target.atMost(0, "HIPAA, 45 CFR 164.312(a)(2)(ii) emergency access procedure and 164.308(a)(1)(ii)(D) "
                + "information system activity review: every emergency access reviewed by the deadline the privacy "
                + "policy sets");
    }
    public Permission permission() { return Permission.PRIVACY_MANAGE; }
    public Set<Role> homeOf() { return Set.of(Role.PRIVACY_OFFICER); }

    private List<PendingReview> overdue(Period period) {
        return emergencyAccess.awaitingReviewAt(period.end()).stream().filter(g -> g.overdueAt(period.end())).toList();
    }

    public Double value(Period period) {
        return (double) overdue(period).size();
    }

    public List<Row> rows(Period period) {
        return overdue(period).stream().map(g -> new Row(g.patientId(), null,
                "Emergency access by " + g.user() + " (" + g.purpose() + ")",
                "Review " + Words.plural(Duration.between(g.reviewDue(), period.end()).toDays(), "day") + " past its deadline",
                clock.dateOf(g.reviewDue()))).toList();
    }
}
