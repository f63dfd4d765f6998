package org.custodian.completion.internal;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalTime;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code custodian.completion.*}: the escalation ladder climbs by itself every day at {@code escalationTime} in
 * the hospital's zone ({@code custodian.zone}), checked every {@code escalationCheckEvery} (0: never by itself).
 */
@Validated
@ConfigurationProperties("custodian.completion")
public record CompletionSettings(@DefaultValue("06:00") @NotNull LocalTime escalationTime,
                                 @DefaultValue("PT5M") @DurationMin(nanos = 0) Duration escalationCheckEvery) {
}
