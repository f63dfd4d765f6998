package org.custodian;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code custodian.*}: the settings every module shares. Each module binds its own keys in a record of its own
 * ({@code custodian.db.*}: {@link DatabaseSettings}; {@code custodian.audit.*}: {@code AuditSettings}, …); the
 * table of all of them is docs/operations.md#configuration.
 *
 * @param dataDir      where Custodian keeps its files (embedded database, keys, checkpoints)
 * @param zone         the hospital's time zone: what "today" is for every legal clock
 * @param organization the organization named on letters and certificates (access reports, destruction
 *                     certificates, release packets unless {@code custodian.disclosure.facility} names another)
 * @param baseUrl      the public address for links and the same-origin check; empty: the request's own, if its
 *                     host is one of {@code allowedHosts}
 * @param allowedHosts hosts a request may name when no base URL is set (comma-separated)
 * @param events       cross-module events: {@code retry-interval} (0: only at start-up)
 */
@Validated
@ConfigurationProperties("custodian")
public record CustodianSettings(@DefaultValue("./data") @NotBlank String dataDir,
                                @DefaultValue("America/New_York") @NotNull ZoneId zone,
                                @DefaultValue(DEFAULT_ORGANIZATION) @NotBlank String organization,
                                @DefaultValue("") String baseUrl,
                                @DefaultValue("localhost,127.0.0.1,[::1]") String allowedHosts,
                                @DefaultValue @Valid Events events) {

    /** The demo hospital's name, the one default for every letter that names the organization. */
    public static final String DEFAULT_ORGANIZATION = "Custodian Demo Hospital";

    /** @param retryInterval how often failed cross-module events are resubmitted; 0: only at start-up */
    public record Events(@DefaultValue("5m") @DurationMin(nanos = 0) Duration retryInterval) {
    }

    /** The defaults, as binding no property at all gives them (for tests and tools outside Spring). */
    public static CustodianSettings defaults() {
        return new Binder().bindOrCreate("custodian", CustodianSettings.class);
    }

    /** These settings with another data directory. */
    public CustodianSettings withDataDir(String dir) {
        return new CustodianSettings(dir, zone, organization, baseUrl, allowedHosts, events);
    }

    /** The public address without a trailing slash; empty when none is configured. */
    public String publicBaseUrl() {
        String b = baseUrl == null ? "" : baseUrl.strip();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    /** Whether a request naming {@code host} is answered with its own address (no base URL configured). */
    public boolean allowsHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        Set<String> allowed = Arrays.stream((allowedHosts == null ? "" : allowedHosts).split(","))
                .map(a -> a.strip().toLowerCase(Locale.ROOT)).filter(a -> !a.isEmpty()).collect(Collectors.toSet());
        return allowed.contains(h) || allowed.contains("[" + h + "]");
    }
}
