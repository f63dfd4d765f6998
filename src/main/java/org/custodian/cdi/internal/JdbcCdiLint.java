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
        return inForce(jdbc);
    }

    /** The list in force: the phrases as installed, each overridden by the lead's last change of it, and the phrases the lead added. */
    static List<Phrase> inForce(JdbcClient jdbc) {
        return jdbc.sql("""
                select coalesce(c.phrase, l.phrase) as phrase, coalesce(c.category, l.category), coalesce(c.reason, l.reason),
                       coalesce(c.active, true), c.changed_by, c.changed_at
                from cdi_query_lint l full join cdi_lint_change c on c.phrase = l.phrase
                order by 2, 1""")
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
        Phrase now = inForce(jdbc).stream().filter(p -> p.phrase().equals(phrase)).findFirst().orElse(null);
        if (now == null && (change.category() == null || reason == null)) {
            throw Problem.invalid("invalid-cdi-lint", (change.category() == null ? "category" : "reason")
                    + ": required for a new phrase (category LEADING or FINANCIAL, and why a query may not say it)");
        }
        Category category = change.category() != null ? change.category() : now.category();
        String why = reason != null ? reason : now.reason();
        boolean active = change.active() != null ? change.active() : now == null || now.active();
        jdbc.sql("""
                insert into cdi_lint_change (phrase, category, reason, active, changed_by, changed_at) values (:phrase, :category, :reason, :active, :by, :at)
                on conflict (phrase) do update set category = :category, reason = :reason, active = :active, changed_by = :by, changed_at = :at""")
                .param("phrase", phrase).param("category", category.name()).param("reason", why).param("active", active)
                .param("by", JdbcCdiQueries.username()).param("at", Rows.utc(clock.instant())).update();
        return inForce(jdbc).stream().filter(p -> p.phrase().equals(phrase)).findFirst().orElseThrow();
    }
}
