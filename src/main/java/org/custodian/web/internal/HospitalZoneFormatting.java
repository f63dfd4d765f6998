package org.custodian.web.internal;

import java.time.Clock;
import org.custodian.web.Fmt;
import org.springframework.stereotype.Component;

/**
 * Pages and PDFs write times in the hospital's zone, the zone of the hospital's clock
 * ({@code custodian.zone}); {@link Fmt} is static so that templates can call it, so it is told once.
 */
@Component
class HospitalZoneFormatting {

    HospitalZoneFormatting(Clock clock) {
        Fmt.useZone(clock.getZone());
    }
}
