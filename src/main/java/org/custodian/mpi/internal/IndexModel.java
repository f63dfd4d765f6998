package org.custodian.mpi.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.custodian.patient.SsnColumn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The Fellegi–Sunter model of the live index, for scoring one registration at a time. m and u are
 * estimated (EM) on a random sample of the active registrations, as {@code mpi-eval} does on a
 * file, and refitted when the index has grown by a fifth or the fit is a day old: how often two
 * different people share a birth date or a surname is a property of the population, which changes
 * slowly. An index of fewer than {@link #MIN_FIT} registrations uses typical m and u instead.
 */
@Component
class IndexModel {

    static final int SAMPLE = 20_000;
    /** Below this many registrations EM has too few duplicates to learn from; typical m and u serve. */
    static final int MIN_FIT = MatchEngine.MIN_FIT;
    private static final Duration MAX_AGE = Duration.ofDays(1);
    private static final Duration COUNT_EVERY = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final MatchEngine engine;
    private final Clock clock;

    private Linkage fitted;
    private Linkage typical;
    private long fittedOn;
    private Instant fittedAt;
    private Instant countedAt;
    private final SsnColumn ssns;


    IndexModel(JdbcClient jdbc, MatchEngine engine, Clock clock, SsnColumn ssns) {
        this.ssns = ssns;
        this.jdbc = jdbc;
        this.engine = engine;
        this.clock = clock;
    }

    /** The fitted run, or null while the index is empty. */
    synchronized Linkage current() {
        // Counting a million-row index takes tens of milliseconds, and every registration check
        // asks: a fit less than COUNT_EVERY old is used as it is (a refit waits for 20% growth anyway).
        if (fitted != null && countedAt != null && countedAt.plus(COUNT_EVERY).isAfter(clock.instant())
                && fittedAt.plus(MAX_AGE).isAfter(clock.instant())) {
            return fitted;
        }
        long active = jdbc.sql("select count(*) from patient where merged_into is null").query(Long.class).single();
        countedAt = clock.instant();
        if (active == 0) {
            return null;
        }
        boolean stale = fitted == null || active > fittedOn + Math.max(20, fittedOn / 5)
                || fittedAt.plus(MAX_AGE).isBefore(clock.instant());
        if (stale) {
            List<MpiRecord> sample = sample(active);
            // Fitted on the sample, deciding pairs of the whole index: the thresholds go by its size.
            typical = engine.typical(sample).forIndexSize(active);
            fitted = active < MIN_FIT ? typical : engine.link(sample).forIndexSize(active);
            fittedOn = active;
            fittedAt = clock.instant();
        }
        return fitted;
    }

    /**
     * Typical m and u with this index's value frequencies: the registration screen's second
     * opinion where EM, fitted on a mixed index, is too strict (see likelyMatches).
     */
    synchronized Linkage typical() {
        return current() == null ? null : typical;
    }

    private List<MpiRecord> sample(long active) {
        // A Bernoulli sample reads each page once; order by random() would sort the whole index.
        String from = active <= SAMPLE ? "patient"
                : "patient tablesample bernoulli (" + Math.min(100.0, 100.0 * SAMPLE / active) + ")";
        return jdbc.sql("select " + IndexRows.COLUMNS + " from " + from + " where merged_into is null")
                .query((rs, i) -> IndexRows.record(rs, ssns)).list();
    }
}
