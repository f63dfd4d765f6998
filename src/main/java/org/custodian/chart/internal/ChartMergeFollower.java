package org.custodian.chart.internal;

import org.custodian.MergeFollower;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The chart's part of a patient merge: the retired registration's encounters, documents, coded
 * findings, amendment requests and kept clinical resources move to the survivor, recorded in {@code chart_merge_move}, and an
 * unmerge moves back exactly those (not documents filed on the survivor since).
 */
@Configuration(proxyBeanMethods = false)
class ChartMergeFollower {

    @Bean
    MergeFollower chartFollowsMerges() {
        return MergeFollower.of("chart", "chart_merge_move")
                .moves("encounter", "ENCOUNTER", "Encounter")
                .moves("clinical_document", "DOCUMENT", "ClinicalDocument")
                .moves("chart_finding", "FINDING", "CodedFinding")
                .moves("amendment_request", "AMENDMENT", "AmendmentRequest")
                .moves("clinical_resource", "RESOURCE", "ClinicalResource");
    }
}
