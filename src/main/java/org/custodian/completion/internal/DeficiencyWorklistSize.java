package org.custodian.completion.internal;

import org.custodian.WorklistSize;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Open deficiencies: the record completion worklist (the gauge custodian.worklist.size, issue 23). */
@Configuration(proxyBeanMethods = false)
class DeficiencyWorklistSize {

    @Bean
    WorklistSize deficiencyWorklist(JdbcClient jdbc) {
        return WorklistSize.counting("deficiencies", jdbc, """
                select count(*) from deficiency where state = 'OPEN'""");
    }
}
