package org.custodian.cdi;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/** The worklist rules, kept as data: every CDI specialist reads them, the CDI lead edits them. */
public interface CdiRules {

    @PreAuthorize("hasAuthority('cdi:review')")
    List<CdiRule> rules();

    /** A change of a rule by the CDI lead; null fields stay as they are. */
    record RuleChange(BigDecimal threshold, Integer windowHours, List<String> satisfyingCodes, Boolean active) {
    }

    /** Changes a rule (a new version, recorded with who and when); 404 {@code cdi-rule-not-found} for an unknown id. */
    @PreAuthorize("hasAuthority('cdi:lead')")
    CdiRule update(String id, RuleChange change);

    /** How many queries each rule led to (a query names the worklist reasons it answers): the rule's query rate is this ÷ its hits. */
    @PreAuthorize("hasAuthority('cdi:review')")
    java.util.Map<String, Long> queriesByRule();
}
