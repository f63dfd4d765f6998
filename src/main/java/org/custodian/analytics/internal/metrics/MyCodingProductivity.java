package org.custodian.analytics.internal.metrics;

import java.util.List;
import java.util.Set;
import org.custodian.Actor;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.coding.CodingFigures;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.springframework.stereotype.Component;

/** The signed-in coder's own charts per hour, by the department rule. */
@Component
class MyCodingProductivity extends CodingProductivity {

    MyCodingProductivity(CodingFigures coding, HospitalClock clock) {
        super(coding, clock);
    }

    @Override public String id() { return "my-coding-productivity"; }
    @Override public String name() { return "My coding productivity"; }
    @Override public String formula() {
        return "Your billing abstracts finalized in the period divided by your coding hours (first abstract started "
                + "to last finalized, each day, at least 15 minutes).";
    }
    @Override public Permission permission() { return Permission.CODING_WRITE; }
    @Override public Set<Role> homeOf() { return Set.of(Role.CODER); }
    @Override public boolean personal() { return true; }

    @Override
    public Double value(Period period) {
        String me = Actor.current();
        return rate(coding.finalized(period.start(), period.end()), c -> me.equals(c.coder()));
    }

    @Override
    public List<Row> rows(Period period) {
        String me = Actor.current();
        return coding.finalized(period.start(), period.end()).stream().filter(c -> me.equals(c.coder()))
                .map(c -> new Row(c.patientId(), c.encounterId(), "Coded by you", "Finalized", clock.dateOf(c.finalizedAt())))
                .toList();
    }
}
