package org.custodian.analytics.internal.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import org.custodian.analytics.Metric;
import org.custodian.coding.CaseMix;
import org.custodian.coding.CodingFigures;
import org.custodian.coding.CodingFigures.GroupedStay;
import org.custodian.privacy.Permission;
import org.springframework.stereotype.Component;

/** The case mix index of the final-coded inpatient stays discharged in the period (by month: the trend). */
@Component
class CaseMixIndex implements Metric {

    private final CodingFigures coding;

    CaseMixIndex(CodingFigures coding) {
        this.coding = coding;
    }

    public String id() { return "case-mix-index"; }
    public String name() { return "Case mix index"; }
    public String formula() {
        return CaseMix.FORMULA + "; over the stays discharged in the period, grouped with their discharge date's MS-DRG "
                + "grouper; stays without a weight (grouper version not loaded) are left out. No data without such stays.";
    }
    public String module() { return "coding"; }
    public Unit unit() { return Unit.INDEX; }
    public Target target() { return null; }
    public Permission permission() { return Permission.CODING_AUDIT; }

    public Double value(Period period) {
        List<BigDecimal> weights = coding.finalStays(period.from(), period.to()).stream().map(GroupedStay::weight)
                .filter(Objects::nonNull).toList();
        if (weights.isEmpty()) {
            return null;
        }
        return weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(weights.size()), 4, RoundingMode.HALF_UP).doubleValue();
    }

    public List<Row> rows(Period period) {
        return coding.finalStays(period.from(), period.to()).stream().map(s -> new Row(s.patientId(), s.encounterId(),
                s.drg() == null ? "Inpatient stay, not grouped" : "MS-DRG " + String.format("%03d", s.drg()),
                s.weight() == null ? "No relative weight (left out of the index)" : "Relative weight " + s.weight().toPlainString(),
                s.dischargeDate())).toList();
    }
}
