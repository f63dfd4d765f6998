package org.custodian.interop.internal;

import org.custodian.MergeFollower;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the interfaces received stays as received: a message or an imported resource is filed against
 * the registration it named at the time; the chart rows it became follow the merge in the chart.
 */
@Configuration(proxyBeanMethods = false)
class InteropMergeFollower {

    @Bean
    MergeFollower interopFollowsMerges() {
        return MergeFollower.of("interop")
                .keeps("hl7_message", "the message as received, with the patient it was applied to at the time")
                .keeps("fhir_source_map", "the source's identity of each imported resource and the registration it"
                        + " was imported as; the rows it points to follow the merge in their own modules");
    }
}
