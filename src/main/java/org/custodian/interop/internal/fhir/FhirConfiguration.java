package org.custodian.interop.internal.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FhirConfiguration {

    /** One R4 context for the application: building it scans the model and takes a second or two. */
    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }
}
