package org.custodian.analytics.internal.metrics;

import java.util.List;
import java.util.Set;
import org.custodian.analytics.Metric;
import org.custodian.audit.AuditLog;
import org.custodian.audit.ChainVerification;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.springframework.stereotype.Component;

/** Whether the audit log's hash chain verifies: 1 intact, 0 broken. */
@Component
class AuditChainStatus implements Metric {

    private final AuditLog log;

    AuditChainStatus(AuditLog log) {
        this.log = log;
    }

    public String id() { return "audit-chain"; }
    public String name() { return "Audit chain"; }
    public String formula() {
        return "The audit log's hash chain recomputed from the first event to the last: 1 when every event is "
                + "unchanged and in order, 0 when any was changed, removed or reordered.";
    }
    public String module() { return "audit"; }
    public Unit unit() { return Unit.STATUS; }
    public Target target() {
        return Target.atLeast(1, "HIPAA Security Rule, 45 CFR 164.312(b) audit controls and 164.312(c)(1) integrity");
    }
    public Permission permission() { return Permission.AUDIT_VERIFY; }
    public Set<Role> homeOf() { return Set.of(Role.HIM_DIRECTOR, Role.PRIVACY_OFFICER, Role.AUDITOR); }
    public boolean historical() { return false; }

    public Double value(Period period) {
        return log.verify().valid() ? 1.0 : 0.0;
    }

    public List<Row> rows(Period period) {
        ChainVerification v = log.verify();
        return List.of(new Row(null, null, v.valid() ? "Chain intact" : "Chain broken at event " + v.firstBrokenSeq(),
                v.events() + " events verified in " + v.millis() + " ms" + (v.problem() == null ? "" : "; " + v.problem()), null));
    }
}
