package org.custodian.web.internal;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Spring Boot's {@code server.servlet.session.timeout}, as the sign-in page words it ("your session ended after
 * 15 minutes"): the idle timeout of a UI session (HIPAA 164.312(a)(2)(iii), automatic logoff). Boot applies it
 * to the container; application.properties sets it (CUSTODIAN_SESSION_TIMEOUT) and this default is the same.
 */
@Validated
@ConfigurationProperties("server.servlet.session")
public record SessionSettings(@DefaultValue("15m") @DurationMin(seconds = 1) Duration timeout) {
}
