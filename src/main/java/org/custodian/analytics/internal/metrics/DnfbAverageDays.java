package org.custodian.analytics.internal.metrics;

import java.util.List;
import org.custodian.analytics.Metric;
import org.custodian.coding.CodingFigures;
import org.custodian.privacy.Permission;
import org.springframework.stereotype.Component;

/**
 * The average age of DNFB in days since discharge. HFMA's MAP Key "DNFB days" divides DNFB charge
 * dollars by average daily gross revenue; until the reimbursement module publishes charges, the
 * department watches the age of the unbilled encounters against its coding window.
 */
@Component
class DnfbAverageDays implements Metric {

    private final CodingFigures coding;

    DnfbAverageDays(CodingFigures coding) {
        this.coding = coding;
    }

    public String id() { return "dnfb-average-days"; }
    public String name() { return "DNFB average age"; }
    public String formula() {
        return "Sum of whole days since discharge of the DNFB encounters at the period's end, divided by "
                + "the number of those encounters.";
    }
    public String module() { return "coding"; }
    public Unit unit() { return Unit.DAYS; }
    public Target target() {
        return Target.atMost(4, "Department coding window of 3 days after discharge plus 1 for the final bill "
                + "(hospital policy; HFMA MAP Key DNFB days follow once charges are available)");
    }
    public Permission permission() { return Permission.CODING_AUDIT; }

    public Double value(Period period) {
        var open = coding.dnfbAt(period.end());
        return open.isEmpty() ? 0.0 : open.stream().mapToLong(CodingFigures.OpenEncounter::days).average().orElse(0);
    }

    public List<Row> rows(Period period) {
        return coding.dnfbAt(period.end()).stream().filter(e -> e.days() > 4)
                .map(e -> new Row(e.patientId(), e.encounterId(), Words.encounterClass(e.encounterClass()) + " encounter",
                        e.days() + " days since discharge (past the window)", null)).toList();
    }
}
