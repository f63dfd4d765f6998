package org.custodian.analytics.internal.metrics;

import org.custodian.HospitalClock;
import org.custodian.cdi.CdiFigures;
import org.custodian.cdi.CdiFigures.QueryDates;
import org.springframework.stereotype.Component;

/** CDI answers that documented the condition asked about over queries answered. */
@Component
class CdiAgreementRate extends CdiRate {

    CdiAgreementRate(CdiFigures cdi, HospitalClock clock) {
        super(cdi, clock);
    }

    public String id() { return "cdi-agreement-rate"; }
    public String name() { return "CDI query agreement rate"; }
    public String formula() {
        return "Answered queries (sent in the period) whose answer documented the condition asked about (agreed) "
                + "÷ queries sent in the period and answered, in percent.";
    }
    boolean counted(QueryDates q) { return q.answeredAt() != null; }
    boolean hit(QueryDates q) { return "AGREED".equals(q.outcome()); }
    String detail(QueryDates q) { return outcome(q); }
}
