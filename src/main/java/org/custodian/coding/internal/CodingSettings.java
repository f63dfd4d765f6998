package org.custodian.coding.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code custodian.coding.*}.
 *
 * @param loadBundled       load the code sets shipped in the jar at start (off only in tests that load their own)
 * @param reconcileInterval how often discharged encounters missing from the worklist are queued; 0 turns the schedule off
 * @param drgRefreshInterval how often inpatient stays without a kept MS-DRG are grouped; 0: at start-up only
 */
@ConfigurationProperties("custodian.coding")
record CodingSettings(Boolean loadBundled, Duration reconcileInterval, Duration drgRefreshInterval) {

    CodingSettings {
        loadBundled = loadBundled == null || loadBundled;
        reconcileInterval = reconcileInterval == null ? Duration.ofMinutes(5) : reconcileInterval;
        drgRefreshInterval = drgRefreshInterval == null ? Duration.ofMinutes(1) : drgRefreshInterval;
    }
}
