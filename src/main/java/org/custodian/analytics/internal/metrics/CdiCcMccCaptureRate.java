package org.custodian.analytics.internal.metrics;

import org.custodian.HospitalClock;
import org.custodian.cdi.CdiFigures;
import org.custodian.cdi.CdiFigures.QueryDates;
import org.springframework.stereotype.Component;

/** Answered CDI queries after which the working MS-DRG's severity rose to CC or MCC, over queries answered. */
@Component
class CdiCcMccCaptureRate extends CdiRate {

    CdiCcMccCaptureRate(CdiFigures cdi, HospitalClock clock) {
        super(cdi, clock);
    }

    public String id() { return "cdi-cc-mcc-capture-rate"; }
    public String name() { return "CDI CC/MCC capture rate"; }
    public String formula() {
        return "Answered queries (sent in the period) after which the working MS-DRG's severity rose to CC or MCC "
                + "÷ queries sent in the period and answered, in percent.";
    }
    boolean counted(QueryDates q) { return q.answeredAt() != null; }
    boolean hit(QueryDates q) { return q.ccMccCaptured(); }
    String detail(QueryDates q) { return q.ccMccCaptured() ? "CC/MCC captured" : "No CC/MCC captured"; }
}
