package org.custodian.chart.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rules that tag a kept clinical resource sensitive ({@code clinical_sensitivity_rule}, V162): a
 * Part 2 substance use disorder diagnosis, medication or drug screen (42 CFR 2.11, 2.12), an HIV
 * diagnosis or test (state law). A resource of a rule's types carrying the rule's search term (or,
 * for a prefix rule, a term starting with it) gets the rule's tag. Read once per bulk store: the
 * list is a few dozen rows.
 */
final class ClinicalSensitivityRules {

    private record Rule(String tag, String term, boolean prefix) {
    }

    private final Map<String, List<Rule>> byType;

    private ClinicalSensitivityRules(Map<String, List<Rule>> byType) {
        this.byType = byType;
    }

    static ClinicalSensitivityRules load(JdbcClient jdbc) {
        Map<String, List<Rule>> byType = new HashMap<>();
        jdbc.sql("select tag, resource_types, term, prefix from clinical_sensitivity_rule").query(rs -> {
            Rule rule = new Rule(rs.getString(1), rs.getString(3), rs.getBoolean(4));
            for (String type : (String[]) rs.getArray(2).getArray()) {
                byType.computeIfAbsent(type, k -> new ArrayList<>()).add(rule);
            }
        });
        return new ClinicalSensitivityRules(byType);
    }

    /** The tags (sorted, as the column holds them) a resource of this type with these terms gets; empty when none. */
    List<String> tags(String type, List<String> terms) {
        List<Rule> rules = byType.get(type);
        if (rules == null) {
            return List.of();
        }
        TreeSet<String> tags = null;
        for (String term : terms) {
            for (Rule r : rules) {
                if (r.prefix() ? term.startsWith(r.term()) : term.equals(r.term())) {
                    if (tags == null) {
                        tags = new TreeSet<>();
                    }
                    tags.add(r.tag());
                }
            }
        }
        return tags == null ? List.of() : List.copyOf(tags);
    }
}
