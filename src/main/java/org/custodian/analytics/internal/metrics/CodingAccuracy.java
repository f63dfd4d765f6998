package org.custodian.analytics.internal.metrics;

import java.util.List;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.coding.CodingFigures;
import org.custodian.privacy.Permission;
import org.springframework.stereotype.Component;

/** Code-level agreement of the dual-coding audit: the coder's codes against the auditor's blind re-coding. */
@Component
class CodingAccuracy implements Metric {

    private final CodingFigures coding;
    private final HospitalClock clock;

    CodingAccuracy(CodingFigures coding, HospitalClock clock) {
        this.coding = coding;
        this.clock = clock;
    }

    public String id() { return "coding-accuracy"; }
    public String name() { return "Coding accuracy"; }
    public String formula() {
        return "Over the charts re-coded blind in the period: codes both the coder and the auditor gave, divided by "
                + "the codes either gave (ICD-10-CM and ICD-10-PCS; a missed, extra or wrong code counts against).";
    }
    public String module() { return "coding"; }
    public Unit unit() { return Unit.PERCENT; }
    public Target target() { return Target.atLeast(95, "AHIMA's commonly cited coding accuracy benchmark of 95%"); }
    public Permission permission() { return Permission.CODING_AUDIT; }

    public Double value(Period period) {
        var charts = coding.audited(period.start(), period.end());
        int codes = charts.stream().mapToInt(CodingFigures.AuditedChart::codes).sum();
        return codes == 0 ? null : 100.0 * charts.stream().mapToInt(CodingFigures.AuditedChart::agreeing).sum() / codes;
    }

    public List<Row> rows(Period period) {
        return coding.audited(period.start(), period.end()).stream().map(c -> new Row(c.patientId(), c.encounterId(),
                "Coded by " + c.coder(), c.agreeing() + " of " + c.codes() + " codes agree"
                        + (c.principalAgrees() ? "" : "; principal diagnosis differs"), clock.dateOf(c.auditedAt()))).toList();
    }
}
