package org.custodian.analytics.internal.metrics;

import java.util.List;
import java.util.Set;
import org.custodian.analytics.Metric;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import java.util.EnumSet;
import org.custodian.privacy.SystemAccess;
import org.custodian.staff.CredentialFigures;
import org.custodian.staff.TeamMemberStatus;
import org.springframework.stereotype.Component;

/** Staff whose credential is due for recertification within 90 days, lapsed, or whose job requirement is unmet. */
@Component
class CredentialsDue implements Metric {

    private final CredentialFigures figures;

    CredentialsDue(CredentialFigures figures) {
        this.figures = figures;
    }

    public String id() { return "credentials-due"; }
    public String name() { return "Staff credentials needing attention"; }
    public String formula() {
        return "Enabled staff with a credential lapsed or due for recertification within 90 days, or a job "
                + "requirement unmet, today.";
    }
    public String module() { return "staff"; }
    public Unit unit() { return Unit.COUNT; }
    public Target target() {
        return Target.atMost(0, "Job descriptions: coders and HIM staff keep their AHIMA credential current "
                + "(AHIMA recertification cycle of 2 years)");
    }
    public Permission permission() { return Permission.CREDENTIALS_REVIEW; }
    public boolean historical() { return false; }

    private List<TeamMemberStatus> attention() {
        // As the system: the gauge computes it with no one signed in; the registry shows it to those with permission().
        return SystemAccess.call("system:analytics", EnumSet.of(Permission.CREDENTIALS_REVIEW), figures::needingAttention);
    }

    public Double value(Period period) {
        return (double) attention().size();
    }

    public List<Row> rows(Period period) {
        return attention().stream().map(t -> new Row(null, null, t.fullName() + " (" + t.username() + ")",
                String.join("; ", t.credentials().stream().filter(c -> c.status().warning())
                        .map(c -> c.code() + " cycle ends " + c.cycleEnd() + ", " + c.ceusShort() + " CEUs short").toList())
                        + (t.unmetJobRequirements().isEmpty() ? "" : " Unmet: " + String.join(", ", t.unmetJobRequirements())),
                null)).toList();
    }
}
