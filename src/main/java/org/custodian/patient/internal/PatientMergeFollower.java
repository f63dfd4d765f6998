package org.custodian.patient.internal;

import org.custodian.MergeFollower;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The patient module's own rows in a merge: the master patient index's merge itself moves identifiers
 * (recording them in {@code patient_merge_identifier}).
 */
@Configuration(proxyBeanMethods = false)
class PatientMergeFollower {

    @Bean
    MergeFollower patientFollowsMerges() {
        return MergeFollower.of("patient")
                .keeps("patient_identifier", "moved by the merge itself (the mpi module's PatientMerges), recorded in"
                        + " patient_merge_identifier so that an unmerge moves back exactly those");
    }
}
