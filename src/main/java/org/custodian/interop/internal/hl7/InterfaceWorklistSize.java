package org.custodian.interop.internal.hl7;

import org.custodian.WorklistSize;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** HL7 messages that failed (AE) and wait for the interface analyst (the gauge custodian.worklist.size, issue 23). */
@Configuration(proxyBeanMethods = false)
class InterfaceWorklistSize {

    @Bean
    WorklistSize interfaceWorklist(JdbcClient jdbc) {
        return WorklistSize.counting("interface-failures", jdbc, """
                select count(*) from hl7_message where status = 'FAILED'""");
    }
}
