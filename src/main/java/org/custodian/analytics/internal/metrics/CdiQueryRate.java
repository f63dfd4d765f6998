package org.custodian.analytics.internal.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.custodian.HospitalClock;
import org.custodian.cdi.CdiFigures;
import org.custodian.cdi.CdiFigures.QueryDates;
import org.custodian.cdi.CdiFigures.ReviewDates;
import org.springframework.stereotype.Component;

/** Distinct stays queried over distinct stays reviewed in the period. */
@Component
class CdiQueryRate extends CdiRate {

    CdiQueryRate(CdiFigures cdi, HospitalClock clock) {
        super(cdi, clock);
    }

    public String id() { return "cdi-query-rate"; }
    public String name() { return "CDI query rate"; }
    public String formula() {
        return "Distinct stays queried in the period ÷ distinct stays reviewed by CDI in the period, in percent.";
    }
    boolean counted(QueryDates q) { return true; }
    boolean hit(QueryDates q) { return true; }
    String detail(QueryDates q) { return "Queried"; }

    private Map<Long, ReviewDates> reviewed(Period period) {
        Map<Long, ReviewDates> stays = new LinkedHashMap<>();
        cdi.reviews(period.start(), period.end()).forEach(r -> stays.putIfAbsent(r.encounterId(), r));
        return stays;
    }

    private Set<Long> queried(Period period) {
        return cdi.queries(period.start(), period.end()).stream().map(QueryDates::encounterId).collect(Collectors.toSet());
    }

    @Override
    public Double value(Period period) {
        Map<Long, ReviewDates> reviewed = reviewed(period);
        return reviewed.isEmpty() ? null : 100.0 * queried(period).size() / reviewed.size();
    }

    @Override
    public List<Row> rows(Period period) {
        Set<Long> queried = queried(period);
        return reviewed(period).values().stream().map(r -> new Row(r.patientId(), r.encounterId(), "Stay reviewed by CDI",
                queried.contains(r.encounterId()) ? "Queried" : "Not queried", clock.dateOf(r.reviewedAt()))).toList();
    }
}
