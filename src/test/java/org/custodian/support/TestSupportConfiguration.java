package org.custodian.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

@TestConfiguration(proxyBeanMethods = false)
class TestSupportConfiguration {

    @Bean
    StaffAccounts staffAccounts(org.custodian.staff.StaffDirectory staff, org.custodian.staff.ProviderDirectory providers) {
        return new StaffAccounts(staff, providers);
    }

    @Bean
    Api api(org.springframework.core.env.Environment env) {
        return new Api(env);
    }
}
