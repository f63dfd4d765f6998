package org.custodian.completion.internal;

import org.custodian.MergeFollower;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Deficiencies and analysis marks follow their encounter, which the chart moves on a merge and back on an unmerge. */
@Configuration(proxyBeanMethods = false)
class CompletionMergeFollower {

    @Bean
    MergeFollower completionFollowsMerges() {
        return MergeFollower.of("completion", "completion_merge_move")
                .moves("deficiency", "DEFICIENCY", "Deficiency")
                .moves("completion_analysis", "encounter_id", "ANALYSIS", "CompletionAnalysis");
    }
}
