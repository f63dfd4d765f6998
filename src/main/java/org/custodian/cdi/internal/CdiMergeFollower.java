package org.custodian.cdi.internal;

import org.custodian.MergeFollower;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Queries and reviews follow their patient on a merge and back on an unmerge, as their encounter does. */
@Configuration(proxyBeanMethods = false)
class CdiMergeFollower {

    @Bean
    MergeFollower cdiFollowsMerges() {
        return MergeFollower.of("cdi", "cdi_merge_move")
                .moves("cdi_query", "QUERY", "CdiQuery")
                .moves("cdi_review", "REVIEW", "CdiReview");
    }
}
