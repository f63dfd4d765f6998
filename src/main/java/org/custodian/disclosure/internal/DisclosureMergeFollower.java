package org.custodian.disclosure.internal;

import org.custodian.MergeFollower;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Release-of-information records follow a merge. The accounting of disclosures is the
 * individual's right (45 CFR 164.528(a)): a disclosure made from a duplicate registration is still
 * a disclosure of that person's information and must appear in the survivor's accounting, and the
 * requests in progress stay on the person's queue with their clocks.
 */
@Configuration(proxyBeanMethods = false)
class DisclosureMergeFollower {

    @Bean
    MergeFollower disclosureFollowsMerges() {
        return MergeFollower.of("disclosure", "disclosure_merge_move")
                .moves("disclosure_request", "REQUEST", "DisclosureRequest")
                .moves("accounting_entry", "ACCOUNTING_ENTRY", "AccountingEntry")
                .moves("accounting_request", "ACCOUNTING_REQUEST", "AccountingRequest");
    }
}
