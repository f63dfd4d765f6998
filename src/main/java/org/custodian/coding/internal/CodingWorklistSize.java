package org.custodian.coding.internal;

import org.custodian.WorklistSize;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Discharged encounters not final-coded: the coding worklist, the DNFB's charts (the gauge custodian.worklist.size, issue 23). */
@Configuration(proxyBeanMethods = false)
class CodingWorklistSize {

    @Bean
    WorklistSize codingWorklist(JdbcClient jdbc) {
        return WorklistSize.counting("coding", jdbc, """
                select count(*) from coding_worklist w
                where not exists (select 1 from coding_abstract a where a.encounter_id = w.encounter_id and a.kind = 'BILLING'
                                  and a.finalized_at is not null)""");
    }
}
