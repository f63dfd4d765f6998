package org.custodian.monitoring.internal;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code custodian.monitoring.*}: privacy monitoring's scan of the audit log. (How often it scans,
 * {@code custodian.monitoring.scan-every}, default 15 s, is read by its {@code @Scheduled} annotation.)
 *
 * @param grace how long an access may wait for the reason that explains it (a work item, an order) before it is scored
 * @param batch audit events read in one transaction of the scan
 */
@Validated
@ConfigurationProperties("custodian.monitoring")
public record MonitoringSettings(@DefaultValue("PT72H") @DurationMin(nanos = 0) Duration grace,
                                 @DefaultValue("20000") @Min(1) int batch) {
}
