package org.custodian.analytics.internal.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.interop.InterfaceFigures;
import org.custodian.interop.InterfaceFigures.MessageInError;
import org.custodian.privacy.Permission;
import org.springframework.stereotype.Component;

/**
 * HL7 messages received in the last 24 hours that are in error now: held for reprocessing (FAILED)
 * or rejected. Known only now (a reprocessed message leaves the figure), so it has no history.
 */
@Component
class InterfaceErrors implements Metric {

    private final InterfaceFigures interfaces;
    private final HospitalClock clock;

    InterfaceErrors(InterfaceFigures interfaces, HospitalClock clock) {
        this.interfaces = interfaces;
        this.clock = clock;
    }

    public String id() { return "interface-errors"; }
    public String name() { return "Interface errors in the last 24 hours"; }
    public String formula() {
        return "HL7 messages received in the 24 hours before now that are in error: failed and held for reprocessing, "
                + "or rejected. A message reprocessed successfully no longer counts.";
    }
    public String module() { return "interop"; }
    public Unit unit() { return Unit.COUNT; }
    public Target target() { return null; }
    public Permission permission() { return Permission.INTERFACE_MANAGE; }
    public boolean historical() { return false; }

    private List<MessageInError> inError(Period period) {
        Instant end = period.end();
        return interfaces.inError(end.minus(Duration.ofHours(24)), end);
    }

    public Double value(Period period) {
        return (double) inError(period).size();
    }

    public List<Row> rows(Period period) {
        return inError(period).stream().map(m -> new Row(m.patientId(), null,
                "Message " + m.id() + (m.messageType() == null ? "" : " (" + m.messageType() + ")"),
                ("FAILED".equals(m.status()) ? "Held for reprocessing" : "Rejected") + (m.error() == null ? "" : ": " + m.error()),
                clock.dateOf(m.receivedAt()))).toList();
    }
}
