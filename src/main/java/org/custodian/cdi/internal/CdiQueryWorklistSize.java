package org.custodian.cdi.internal;

import org.custodian.WorklistSize;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** CDI queries awaiting the physician's answer (the gauge custodian.worklist.size, issue 23). */
@Configuration(proxyBeanMethods = false)
class CdiQueryWorklistSize {

    @Bean
    WorklistSize cdiQueryWorklist(JdbcClient jdbc) {
        return WorklistSize.counting("cdi-queries", jdbc, """
                select count(*) from cdi_query where status = 'OPEN'""");
    }
}
