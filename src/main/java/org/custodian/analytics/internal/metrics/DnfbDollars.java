package org.custodian.analytics.internal.metrics;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.coding.CodingFigures;
import org.custodian.coding.CodingFigures.OpenEncounter;
import org.custodian.privacy.Permission;
import org.springframework.stereotype.Component;

/**
 * DNFB in dollars: the expected MS-DRG payment of the encounters discharged and not final billed.
 * HFMA's MAP Key measures DNFB in gross charges; charges are not kept here, so the expected payment
 * (relative weight × blended base rate) stands in and the formula says so.
 */
@Component
class DnfbDollars implements Metric {

    private final CodingFigures coding;
    private final HospitalClock clock;

    DnfbDollars(CodingFigures coding, HospitalClock clock) {
        this.coding = coding;
        this.clock = clock;
    }

    public String id() { return "dnfb-dollars"; }
    public String name() { return "DNFB dollars"; }
    public String formula() {
        return "Sum of the expected payment (MS-DRG relative weight × the fiscal year's blended base rate) of the encounters "
                + "in DNFB at the period's end, each at its MS-DRG as grouped now (final, working, or from the chart's "
                + "findings). Encounters without a DRG payment (outpatient, not groupable) add nothing. HFMA's MAP Key "
                + "counts DNFB in gross charges, which are not kept here. When inpatient stays are in DNFB but none has a "
                + "payment (their fiscal year's MS-DRG grouper is not loaded), the period has no figure rather than $0.";
    }
    public String module() { return "coding"; }
    public Unit unit() { return Unit.DOLLARS; }
    public Target target() { return null; }
    public Permission permission() { return Permission.CODING_AUDIT; }

    private record Priced(OpenEncounter encounter, BigDecimal payment) {
    }

    private List<Priced> priced(Period period) {
        return priced(coding.dnfbAt(period.end()));
    }

    private List<Priced> priced(List<OpenEncounter> open) {
        Map<Long, BigDecimal> payments = coding.expectedPayments(open.stream().map(OpenEncounter::encounterId).toList());
        return open.stream().filter(e -> payments.containsKey(e.encounterId()))
                .map(e -> new Priced(e, payments.get(e.encounterId()))).toList();
    }

    public Double value(Period period) {
        List<OpenEncounter> open = coding.dnfbAt(period.end());
        List<Priced> priced = priced(open);
        if (priced.isEmpty() && open.stream().anyMatch(e -> "INPATIENT".equals(e.encounterClass()))) {
            // Stays wait but none has a price (their fiscal year's grouper is not loaded): unknown, not $0.
            return null;
        }
        return priced.stream().map(Priced::payment).reduce(BigDecimal.ZERO, BigDecimal::add).doubleValue();
    }

    public List<Row> rows(Period period) {
        NumberFormat dollars = NumberFormat.getCurrencyInstance(Locale.US);
        return priced(period).stream().map(p -> new Row(p.encounter().patientId(), p.encounter().encounterId(),
                Words.encounterClass(p.encounter().encounterClass()) + " encounter",
                dollars.format(p.payment()) + " expected, " + Words.plural(p.encounter().days(), "day") + " since discharge",
                clock.dateOf(p.encounter().dischargedAt()))).toList();
    }
}
