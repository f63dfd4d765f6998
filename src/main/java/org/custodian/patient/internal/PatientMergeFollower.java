package org.custodian.patient.internal;

import org.custodian.MergeFollower;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The patient module's own rows in a merge: the merge itself moves identifiers (recording them in
 * {@code patient_merge_identifier}) and keeps the history of merges.
 */
@Configuration(proxyBeanMethods = false)
class PatientMergeFollower {

    @Bean
    MergeFollower patientFollowsMerges() {
        return MergeFollower.of("patient")
                .keeps("patient_identifier", "moved by the merge itself (JdbcMasterPatientIndex), recorded in"
                        + " patient_merge_identifier so that an unmerge moves back exactly those")
                .keeps("mpi_screening_queue", "registrations waiting for the duplicate screen; a retired registration"
                        + " is skipped by the screen");
    }
}
