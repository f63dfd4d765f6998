package org.custodian.mpi.internal;

import org.custodian.WorklistSize;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Possible duplicate pairs awaiting a decision: the MPI worklist (the gauge custodian.worklist.size, issue 23). */
@Configuration(proxyBeanMethods = false)
class MpiWorklistSize {

    @Bean
    WorklistSize mpiWorklist(JdbcClient jdbc) {
        return WorklistSize.counting("mpi-pairs", jdbc, """
                select count(*) from mpi_pair where status in ('OPEN', 'NEEDS_RESEARCH')""");
    }
}
