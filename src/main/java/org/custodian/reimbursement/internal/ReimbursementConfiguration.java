package org.custodian.reimbursement.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.custodian.reimbursement.CodeEditor;
import org.custodian.reimbursement.DrgPricing;
import org.custodian.reimbursement.DrgWeight;
import org.custodian.reimbursement.Grouper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The grouper (the bundled v43 and the releases kept by {@code load-grouper}, read at start-up) and the
 * pricing (Table 5 of each fiscal year and the configured base rates) as beans.
 */
@Configuration(proxyBeanMethods = false)
class ReimbursementConfiguration {

    /** The releases kept in the database when the application started. */
    record ReleasesAtStart(List<GrouperRelease> releases) {
    }

    @Bean
    ReleasesAtStart grouperReleasesAtStart(JdbcGrouperReleases releases) {
        return new ReleasesAtStart(releases.releases());
    }

    @Bean
    Grouper grouper(ReleasesAtStart loaded) {
        return Grouper.withReleases(loaded.releases().stream().map(GrouperRelease::tables).toList());
    }

    @Bean
    CodeEditor codeEditor() {
        return CodeEditor.bundled();
    }

    @Bean
    DrgPricing drgPricing(ReimbursementSettings settings, ReleasesAtStart loaded) {
        Map<Integer, List<DrgWeight>> byYear = new TreeMap<>();
        loaded.releases().forEach(r -> byYear.put(r.fiscalYear(), r.weights()));
        return new DrgPricing(Table5.fy2026(), byYear, settings.rates());
    }
}
