package org.custodian.mpi.internal;

import org.custodian.MergeFollower;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The master patient index's own patient rows in a merge: the screening queue stays (the merge history is its own record). */
@Configuration(proxyBeanMethods = false)
class MpiMergeFollower {

    @Bean
    MergeFollower mpiFollowsMerges() {
        return MergeFollower.of("mpi")
                .keeps("mpi_screening_queue", "registrations waiting for the duplicate screen; a retired registration"
                        + " is skipped by the screen");
    }
}
