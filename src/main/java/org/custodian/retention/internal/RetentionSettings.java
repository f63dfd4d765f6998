package org.custodian.retention.internal;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code custodian.retention.*}.
 *
 * @param jurisdiction whose retention schedules (table {@code retention_schedule}) the destruction worklist applies
 */
@Validated
@ConfigurationProperties("custodian.retention")
public record RetentionSettings(@DefaultValue("US") @NotBlank String jurisdiction) {
}
