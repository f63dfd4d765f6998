package org.custodian.privacy.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The privacy module's keys of {@code custodian.security.*} (the sign-in throttle, second factor and password
 * policy under the same prefix are the staff module's {@code SignInSettings}).
 *
 * @param dataKey         the AES-256 key that encrypts SSNs and TOTP secrets at rest, base64 (a secrets manager)
 * @param dataKeyFile     else the key file, created at the first start; empty: {@code <data-dir>/keys/data-aes256.key}
 * @param dataKeyPrevious keys being rotated out (base64 or files, comma-separated)
 * @param bcryptStrength  BCrypt cost of password hashes (4 to 31)
 * @param audit           anonymous refusals audited one by one per address and window, the rest summarised
 */
@Validated
@ConfigurationProperties("custodian.security")
public record SecuritySettings(@DefaultValue("") String dataKey,
                               @DefaultValue("") String dataKeyFile,
                               @DefaultValue("") String dataKeyPrevious,
                               @DefaultValue("10") @Min(4) @Max(31) int bcryptStrength,
                               @DefaultValue @Valid Audit audit) {

    /** @param refusalsPerAddress refusals audited one by one per address and window; @param refusalWindow the window */
    public record Audit(@DefaultValue("20") @Min(0) int refusalsPerAddress,
                        @DefaultValue("1m") @DurationMin(millis = 1) Duration refusalWindow) {
    }

    String dataKeyFile(String dataDir) {
        return dataKeyFile == null || dataKeyFile.isBlank() ? dataDir + "/keys/data-aes256.key" : dataKeyFile;
    }
}
