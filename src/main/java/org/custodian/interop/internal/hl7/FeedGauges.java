package org.custodian.interop.internal.hl7;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The HL7 feed's lag at {@code /actuator/prometheus} (issue 23): {@code custodian.feed.lag} (seconds)
 * is the age of the oldest message this instance's MLLP listener has received and not yet
 * acknowledged (0 when none waits: acknowledgement follows the commit, so it is also how far the
 * chart is behind the sender), {@code custodian.feed.unacknowledged} how many wait. A lag that grows
 * means the feed is stuck (a lock, a stalled database); senders then queue on their side.
 */
@Component
class FeedGauges {

    FeedGauges(MeterRegistry meters, MllpServer server) {
        Gauge.builder("custodian.feed.lag", server, MllpServer::oldestUnacknowledgedSeconds).baseUnit("seconds")
                .description("Age of the oldest HL7 message received over MLLP and not yet acknowledged").register(meters);
        Gauge.builder("custodian.feed.unacknowledged", server, MllpServer::unacknowledged)
                .description("HL7 messages received over MLLP and not yet acknowledged").register(meters);
    }
}
