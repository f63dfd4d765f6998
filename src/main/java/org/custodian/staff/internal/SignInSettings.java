package org.custodian.staff.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The staff module's keys of {@code custodian.security.*}: sign-in throttling (HIPAA 164.308(a)(5)(ii)(C)), the
 * TOTP second factor (164.312(d)) and the password policy. (The data keys and BCrypt cost under the same prefix
 * are the privacy module's.)
 *
 * @param maxFailedLogins        failures of one username from one address before its attempts are refused
 * @param throttleBase           the first refusal's length, doubling with each further failure
 * @param lockout                the longest refusal
 * @param addressMaxFailedLogins failures from one address (any usernames) before that address is refused
 * @param passwordMinEntropy     bits of guessing entropy a new password needs (nbvcxz)
 * @param secondFactor           roles that must enrol ({@code phi-readers}, role names, or {@code none}) and the
 *                               name an authenticator app shows
 */
@Validated
@ConfigurationProperties("custodian.security")
public record SignInSettings(@DefaultValue("5") @Min(1) int maxFailedLogins,
                             @DefaultValue("1m") @DurationMin(seconds = 1) Duration throttleBase,
                             @DefaultValue("15m") @DurationMin(seconds = 1) Duration lockout,
                             @DefaultValue("30") @Min(1) int addressMaxFailedLogins,
                             @DefaultValue("35") @Min(0) double passwordMinEntropy,
                             @DefaultValue @Valid SecondFactor secondFactor) {

    public record SecondFactor(@DefaultValue("phi-readers") String requiredRoles, @DefaultValue("Custodian") String issuer) {
    }
}
