package org.custodian.retention.internal;

import org.custodian.MergeFollower;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Retention's patient rows stay where they are in a merge: holds are carried over, not moved, and
 * a certificate of destruction is history.
 */
@Configuration(proxyBeanMethods = false)
class RetentionMergeFollower {

    @Bean
    MergeFollower retentionFollowsMerges() {
        return MergeFollower.of("retention")
                .keeps("legal_hold", "an active whole-record hold is carried over to the survivor by HoldsFollowMerges and"
                        + " stays after an unmerge until counsel releases it (FRCP 37(e), spoliation)")
                .keeps("destruction_item", "the certificate of destruction records what was destroyed for which"
                        + " registration; a certificate is never rewritten");
    }
}
