package org.custodian.analytics.internal.metrics;

import java.util.List;
import java.util.Set;
import org.custodian.analytics.Metric;
import org.custodian.monitoring.MonitoringFigures;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.springframework.stereotype.Component;

/** Snooping alerts (unexplained chart access) awaiting the privacy officer's decision at the period's end. */
@Component
class PrivacyOpenAlerts implements Metric {

    private final MonitoringFigures monitoring;

    PrivacyOpenAlerts(MonitoringFigures monitoring) {
        this.monitoring = monitoring;
    }

    public String id() { return "privacy-open-alerts"; }
    public String name() { return "Open snooping alerts"; }
    public String formula() {
        return "Privacy monitoring's alerts (a user's unexplained access to one patient's chart on one day, scored by the "
                + "rules) raised before the period's end and not decided by then.";
    }
    public String module() { return "monitoring"; }
    public Unit unit() { return Unit.COUNT; }
    public Target target() { return null; }
    public Permission permission() { return Permission.PRIVACY_MONITOR; }
    public Set<Role> homeOf() { return Set.of(Role.PRIVACY_OFFICER); }

    public Double value(Period period) {
        return (double) monitoring.openAt(period.end()).size();
    }

    public List<Row> rows(Period period) {
        return monitoring.openAt(period.end()).stream().map(a -> new Row(a.patientId(), null,
                "Alert on " + a.user() + "'s access", "Score " + a.score(), a.day())).toList();
    }
}
