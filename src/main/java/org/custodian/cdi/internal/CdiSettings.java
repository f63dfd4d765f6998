package org.custodian.cdi.internal;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code custodian.cdi.*}: CDI's configurable times: a follow-up to the physician when a query is unanswered after
 * {@code followUpAfter}, escalation to the physician advisor's queue ({@code /cdi/advisor}, permission
 * {@code cdi:advise}) after {@code escalateAfter} — and to the inbox of the practitioner {@code physicianAdvisor}
 * (an id of the provider directory) when one is named —, and a query closed as "no response" after
 * {@code closeAfter}.
 *
 * @param retrospectiveDays  how far back discharged stays stay on the retrospective worklist
 * @param escalationInterval how often the follow-up, escalation and closing run (0: never by itself)
 */
@Validated
@ConfigurationProperties("custodian.cdi")
public record CdiSettings(@DefaultValue("24h") @DurationMin(nanos = 0) Duration followUpAfter,
                          @DefaultValue("48h") @DurationMin(nanos = 0) Duration escalateAfter,
                          @DefaultValue("7d") @DurationMin(nanos = 0) Duration closeAfter,
                          Long physicianAdvisor,
                          @DefaultValue("120") @Min(1) int retrospectiveDays,
                          @DefaultValue("15m") @DurationMin(nanos = 0) Duration escalationInterval) {
}
