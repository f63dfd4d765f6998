package org.custodian.analytics.internal.metrics;

import java.util.List;
import java.util.Set;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.coding.CodingFigures;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.springframework.stereotype.Component;

/** Encounters discharged and not final billed, at the end of the period. */
@Component
class DnfbEncounters implements Metric {

    private final CodingFigures coding;
    private final HospitalClock clock;

    DnfbEncounters(CodingFigures coding, HospitalClock clock) {
        this.coding = coding;
        this.clock = clock;
    }

    public String id() { return "dnfb-encounters"; }
    public String name() { return "DNFB encounters"; }
    public String formula() {
        return "Encounters discharged by the end of the period whose billing abstract was not final then "
                + "(discharged, not final billed), counted at the period's end.";
    }
    public String module() { return "coding"; }
    public Unit unit() { return Unit.COUNT; }
    public Target target() { return null; }
    public Permission permission() { return Permission.CODING_READ; }
    public Set<Role> homeOf() { return Set.of(Role.HIM_DIRECTOR, Role.CODER, Role.CDI_SPECIALIST); }

    public Double value(Period period) {
        return (double) coding.dnfbAt(period.end()).size();
    }

    public List<Row> rows(Period period) {
        return coding.dnfbAt(period.end()).stream().map(e -> new Row(e.patientId(), e.encounterId(),
                Words.encounterClass(e.encounterClass()) + " encounter", e.days() + " day" + (e.days() == 1 ? "" : "s")
                        + " since discharge", clock.dateOf(e.dischargedAt()))).toList();
    }
}
