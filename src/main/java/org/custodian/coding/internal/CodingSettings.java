package org.custodian.coding.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * {@code custodian.coding.*}.
 *
 * @param loadBundled       load the code sets shipped in the jar at start (off only in tests that load their own)
 * @param reconcileInterval how often discharged encounters missing from the worklist are queued; 0 turns the schedule off
 */
@ConfigurationProperties("custodian.coding")
record CodingSettings(Boolean loadBundled, Duration reconcileInterval) {

    CodingSettings {
        loadBundled = loadBundled == null || loadBundled;
        reconcileInterval = reconcileInterval == null ? Duration.ofMinutes(5) : reconcileInterval;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CodingSettings.class)
    static class Binding {
    }
}
