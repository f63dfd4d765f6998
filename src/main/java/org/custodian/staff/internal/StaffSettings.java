package org.custodian.staff.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code custodian.staff.*}: credentials and continuing education.
 *
 * @param recertificationRules the credential rules (a Spring resource location)
 * @param certificateMaxBytes  largest CE certificate (the servlet multipart limit sits just above it)
 */
@Validated
@ConfigurationProperties("custodian.staff")
public record StaffSettings(@DefaultValue("classpath:reference/staff/recertification-rules.json") @NotBlank String recertificationRules,
                            @DefaultValue("5242880") @Min(1) int certificateMaxBytes) {

    /**
     * {@code custodian.admin.*}: the first administrator.
     *
     * @param password  the password of {@code admin} when it is first created (empty: a random one, printed once)
     * @param bootstrap create {@code admin} at the first start (the CLI turns it off)
     */
    @ConfigurationProperties("custodian.admin")
    public record Admin(@DefaultValue("") String password, @DefaultValue("true") boolean bootstrap) {
    }
}
