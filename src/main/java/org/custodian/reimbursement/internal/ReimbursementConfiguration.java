package org.custodian.reimbursement.internal;

import org.custodian.reimbursement.CodeEditor;
import org.custodian.reimbursement.DrgPricing;
import org.custodian.reimbursement.Grouper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The grouper (tables loaded once per JVM) and the pricing (Table 5 and the configured base rates) as beans. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReimbursementSettings.class)
class ReimbursementConfiguration {

    @Bean
    Grouper grouper() {
        return Grouper.bundled();
    }

    @Bean
    CodeEditor codeEditor() {
        return CodeEditor.bundled();
    }

    @Bean
    DrgPricing drgPricing(ReimbursementSettings settings) {
        return new DrgPricing(Table5.fy2026(), settings.rates());
    }
}
