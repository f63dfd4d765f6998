package org.custodian.completion.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import org.custodian.HospitalClock;
import org.custodian.PeriodicJob;
import org.custodian.Rows;
import org.custodian.completion.RecordCompletion;
import org.custodian.privacy.Permission;
import org.custodian.privacy.SystemAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Climbs the escalation ladder of the medical staff bylaws every day by itself, at
 * {@code custodian.completion.escalation-time} (default 06:00) in the hospital's zone, so a
 * delinquent record (42 CFR 482.24(c)(4)(viii)) is escalated without the director pressing a button.
 *
 * <p>It runs as the explicit system principal {@value #ACTOR} holding only the permissions the
 * ladder needs ({@link SystemAccess}; the service checks them whoever calls), and the audit log
 * names that actor. It is idempotent: a day is claimed once in {@code completion_escalation_run}
 * (a restart after the escalation time catches up, a second instance finds the day taken), and
 * the ladder itself issues each step's letter once per practitioner and episode.
 */
@Component
class DailyEscalation extends PeriodicJob {

    static final String ACTOR = "system:completion-escalation";
    static final EnumSet<Permission> PERMISSIONS = EnumSet.of(Permission.COMPLETION_MANAGE);

    private static final Logger log = LoggerFactory.getLogger(DailyEscalation.class);

    private final RecordCompletion completion;
    private final JdbcClient jdbc;
    private final HospitalClock clock;
    private final LocalTime at;

    @org.springframework.beans.factory.annotation.Autowired
    DailyEscalation(RecordCompletion completion, JdbcClient jdbc, Clock clock, CompletionSettings settings) {
        this(completion, jdbc, clock, settings.escalationTime(), settings.escalationCheckEvery());
    }

    DailyEscalation(RecordCompletion completion, JdbcClient jdbc, Clock clock, LocalTime at, Duration checkEvery) {
        // A zero interval disables it: tests drive runIfDue themselves.
        super("completion-daily-escalation", checkEvery, false, WhenZero.NEVER);
        this.completion = completion;
        this.jdbc = jdbc;
        this.clock = HospitalClock.of(clock);
        this.at = at;
    }

    /** The hospital date whose run is due now, if the escalation time of today has come. */
    Optional<LocalDate> due() {
        ZonedDateTime now = clock.instant().atZone(clock.getZone());
        return now.toLocalTime().isBefore(at) ? Optional.empty() : Optional.of(now.toLocalDate());
    }

    /**
     * Runs today's escalation if its time has come and the day is not yet claimed; returns the
     * number of letters issued, or empty when nothing ran.
     */
    Optional<Integer> runIfDue() {
        Optional<LocalDate> day = due();
        if (day.isEmpty()) {
            return Optional.empty();
        }
        int claimed = jdbc.sql("insert into completion_escalation_run (run_on, ran_at, actor) values (?, ?, ?) on conflict do nothing")
                .params(day.get(), Rows.utc(clock.instant()), ACTOR).update();
        if (claimed == 0) {
            return Optional.empty();
        }
        int letters;
        try {
            letters = SystemAccess.call(ACTOR, PERMISSIONS, () -> completion.escalate().size());
        } catch (RuntimeException e) {
            // Give the day back so the next check tries again.
            jdbc.sql("delete from completion_escalation_run where run_on = ?").param(day.get()).update();
            throw e;
        }
        jdbc.sql("update completion_escalation_run set letters = ? where run_on = ?").params(letters, day.get()).update();
        log.info("Escalation ladder climbed for {}: {} letter(s) issued", day.get(), letters);
        return Optional.of(letters);
    }

    @Override
    protected void runOnce() {
        runIfDue();
    }
}
