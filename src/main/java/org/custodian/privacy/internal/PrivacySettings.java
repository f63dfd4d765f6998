package org.custodian.privacy.internal;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code custodian.privacy.*}: break the glass (HIPAA 45 CFR 164.312(a)(2)(ii), emergency access).
 *
 * @param breakGlassDuration     how long a grant to a confidential chart lasts
 * @param breakGlassReviewWithin by when the privacy officer reviews a grant
 */
@Validated
@ConfigurationProperties("custodian.privacy")
public record PrivacySettings(@DefaultValue("PT4H") @DurationMin(minutes = 1) Duration breakGlassDuration,
                              @DefaultValue("P3D") @DurationMin(minutes = 1) Duration breakGlassReviewWithin) {
}
