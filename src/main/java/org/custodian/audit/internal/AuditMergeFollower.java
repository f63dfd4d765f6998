package org.custodian.audit.internal;

import org.custodian.MergeFollower;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit log's rows never move: an event records the registration that was touched, when it was
 * touched, and the log is append-only and hash-chained (45 CFR 164.312(b)).
 */
@Configuration(proxyBeanMethods = false)
class AuditMergeFollower {

    @Bean
    MergeFollower auditFollowsMerges() {
        return MergeFollower.of("audit")
                .keeps("audit_event", "append-only and hash-chained: an event keeps the patient it was recorded for;"
                        + " merges and unmerges are audited as events of their own");
    }
}
