package org.custodian.cdi.internal;

import java.util.List;
import java.util.Locale;
import org.custodian.HospitalClock;
import org.custodian.Problem;
import org.custodian.Rows;
import org.custodian.cdi.CdiLint;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link CdiLint} over {@code cdi_query_lint}; {@link JdbcCdiQueries} checks queries against its active phrases. */
@Service
class JdbcCdiLint implements CdiLint {

    private final JdbcClient jdbc;
    private final HospitalClock clock;

    JdbcCdiLint(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = HospitalClock.of(clock);
    }

    @Override
    public List<Phrase> phrases() {
        return jdbc.sql("select phrase, category, reason, active, changed_by, changed_at from cdi_query_lint order by category, phrase")
                .query((rs, i) -> new Phrase(rs.getString(1), Category.valueOf(rs.getString(2)), rs.getString(3), rs.getBoolean(4),
                        rs.getString(5), Rows.instant(rs, 6))).list();
    }

    /** A phrase as matched: lower case, single spaces. */
    static String normalize(String phrase) {
        return phrase == null ? "" : phrase.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    @Override
    @Transactional
    public Phrase save(PhraseChange change) {
        String phrase = normalize(change == null ? null : change.phrase());
        if (phrase.length() < 2 || phrase.length() > 100) {
            throw Problem.invalid("invalid-cdi-lint", "phrase: 2 to 100 characters");
        }
        String reason = change.reason() == null || change.reason().isBlank() ? null : change.reason().strip();
        if (reason != null && reason.length() > 300) {
            throw Problem.invalid("invalid-cdi-lint", "reason: at most 300 characters");
        }
        boolean known = jdbc.sql("select count(*) from cdi_query_lint where phrase = ?").param(phrase).query(Long.class).single() > 0;
        if (!known && (change.category() == null || reason == null)) {
            throw Problem.invalid("invalid-cdi-lint", (change.category() == null ? "category" : "reason")
                    + ": required for a new phrase (category LEADING or FINANCIAL, and why a query may not say it)");
        }
        jdbc.sql("""
                insert into cdi_query_lint (phrase, category, reason, active, changed_by, changed_at)
                values (:phrase, coalesce(:category, 'LEADING'), coalesce(:reason, ''), coalesce(:active, true), :by, :at)
                on conflict (phrase) do update set category = coalesce(:category, cdi_query_lint.category),
                  reason = coalesce(:reason, cdi_query_lint.reason), active = coalesce(:active, cdi_query_lint.active),
                  changed_by = :by, changed_at = :at""")
                .param("phrase", phrase).param("category", change.category() == null ? null : change.category().name(), java.sql.Types.VARCHAR)
                .param("reason", reason, java.sql.Types.VARCHAR).param("active", change.active(), java.sql.Types.BOOLEAN)
                .param("by", JdbcCdiQueries.username()).param("at", Rows.utc(clock.instant())).update();
        return phrases().stream().filter(p -> p.phrase().equals(phrase)).findFirst().orElseThrow();
    }
}
