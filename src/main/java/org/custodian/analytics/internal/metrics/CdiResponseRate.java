package org.custodian.analytics.internal.metrics;

import org.custodian.HospitalClock;
import org.custodian.cdi.CdiFigures;
import org.custodian.cdi.CdiFigures.QueryDates;
import org.springframework.stereotype.Component;

/** CDI queries answered over queries sent in the period. */
@Component
class CdiResponseRate extends CdiRate {

    CdiResponseRate(CdiFigures cdi, HospitalClock clock) {
        super(cdi, clock);
    }

    public String id() { return "cdi-response-rate"; }
    public String name() { return "CDI query response rate"; }
    public String formula() {
        return "Queries sent in the period that the physician answered ÷ queries sent in the period, in percent.";
    }
    boolean counted(QueryDates q) { return true; }
    boolean hit(QueryDates q) { return q.answeredAt() != null; }
    String detail(QueryDates q) { return q.answeredAt() == null ? "Unanswered" : "Answered " + clock.dateOf(q.answeredAt()); }
}
