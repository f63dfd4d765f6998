package org.custodian.cdi.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.custodian.Problem;
import org.custodian.Rows;
import org.custodian.cdi.CdiRule;
import org.custodian.cdi.CdiRules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/** {@link CdiRules} over {@code cdi_rule}. */
@Service
class JdbcCdiRules implements CdiRules {

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    JdbcCdiRules(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<CdiRule> rules() {
        return all();
    }

    /** The rules, for the worklist's own evaluation (its caller was authorized). */
    List<CdiRule> all() {
        return jdbc.sql("""
                select id, title, operator, loinc, threshold, window_hours, requires_codes, satisfying_codes, template, citation,
                       active, version from cdi_rule order by id""").query(JdbcCdiRules::rule).list();
    }

    static CdiRule rule(ResultSet rs, int i) throws SQLException {
        return new CdiRule(rs.getString(1), rs.getString(2), rs.getString(3), strings(rs.getArray(4)), rs.getBigDecimal(5),
                (Integer) rs.getObject(6), strings(rs.getArray(7)), strings(rs.getArray(8)), rs.getString(9), rs.getString(10),
                rs.getBoolean(11), rs.getInt(12));
    }

    static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    @Override
    public java.util.Map<String, Long> queriesByRule() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        jdbc.sql("select r, count(*) from cdi_query, unnest(rule_ids) r group by r").query(rs -> {
            out.put(rs.getString(1), rs.getLong(2));
        });
        return out;
    }

    @Override
    public CdiRule update(String id, RuleChange change) {
        if (change.threshold() != null && change.threshold().signum() < 0) {
            throw Problem.invalid("invalid-cdi-rule", "threshold: must not be negative");
        }
        if (change.windowHours() != null && change.windowHours() <= 0) {
            throw Problem.invalid("invalid-cdi-rule", "windowHours: must be a positive number of hours");
        }
        String[] codes = change.satisfyingCodes() == null ? null : change.satisfyingCodes().stream()
                .map(RuleEngine::normalize).filter(c -> !c.isBlank()).toArray(String[]::new);
        int n = jdbc.sql("""
                update cdi_rule set threshold = coalesce(cast(:threshold as numeric), threshold), window_hours = coalesce(cast(:window as integer), window_hours),
                  satisfying_codes = coalesce(cast(:codes as text[]), satisfying_codes), active = coalesce(cast(:active as boolean), active),
                  version = version + 1, updated_by = :by, updated_at = :at where id = :id""")
                .param("threshold", change.threshold(), java.sql.Types.NUMERIC)
                .param("window", change.windowHours(), java.sql.Types.INTEGER)
                .param("codes", codes, java.sql.Types.ARRAY)
                .param("active", change.active(), java.sql.Types.BOOLEAN)
                .param("by", SecurityContextHolder.getContext().getAuthentication().getName())
                .param("at", Rows.utc(clock.instant())).param("id", id).update();
        if (n == 0) {
            throw Problem.notFound("cdi-rule-not-found", "No such CDI rule", "No CDI rule has the id " + id);
        }
        return all().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }
}
