package org.custodian.disclosure.internal;

import org.custodian.WorklistSize;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Open release-of-information requests (the gauge custodian.worklist.size, issue 23). */
@Configuration(proxyBeanMethods = false)
class DisclosureWorklistSize {

    @Bean
    WorklistSize disclosureWorklist(JdbcClient jdbc) {
        return WorklistSize.counting("disclosures", jdbc, """
                select count(*) from disclosure_request where status = 'OPEN'""");
    }
}
