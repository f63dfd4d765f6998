package org.custodian.coding.internal;

import org.custodian.MergeFollower;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The coder's worklist entries and abstracts follow their encounters in a merge: the chart moves
 * the encounters to the survivor, and the abstract's age and sex edits must judge the person the
 * encounter now belongs to.
 */
@Configuration(proxyBeanMethods = false)
class CodingMergeFollower {

    @Bean
    MergeFollower codingFollowsMerges() {
        return MergeFollower.of("coding", "coding_merge_move")
                .moves("coding_worklist", "encounter_id", "WORKLIST", "CodingWorklistItem")
                .moves("coding_abstract", "ABSTRACT", "CodedAbstract");
    }
}
