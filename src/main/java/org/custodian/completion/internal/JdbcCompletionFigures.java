package org.custodian.completion.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.custodian.HospitalClock;
import org.custodian.completion.CompletionFigures;
import org.custodian.completion.CompletionPolicy;
import org.custodian.completion.Delinquency;
import org.custodian.completion.DelinquencyFormula;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link CompletionFigures} from the deficiencies and the encounters record completion follows; also
 * the delinquency rate the director's page shows ({@link org.custodian.completion.RecordCompletion#delinquency}
 * delegates here), so the page and the dashboard cannot disagree.
 */
@Component
class JdbcCompletionFigures implements CompletionFigures {

    private final JdbcClient jdbc;
    private final HospitalClock clock;
    private final Escalations escalations;

    JdbcCompletionFigures(JdbcClient jdbc, java.time.Clock clock, Escalations escalations) {
        this.jdbc = jdbc;
        this.clock = HospitalClock.of(clock);
        this.escalations = escalations;
    }

    @Override
    public List<OpenRecord> incompleteOn(LocalDate day) {
        int n = escalations.policy().delinquentDays();
        String zone = clock.getZone().getId();
        return jdbc.sql("""
                select d.encounter_id, min(d.patient_id), min(e.discharge_at), count(*)
                from deficiency d left join chart_completion_encounter e on e.encounter_id = d.encounter_id
                where (d.opened_at at time zone :zone)::date <= :day
                  and (d.closed_at is null or (d.closed_at at time zone :zone)::date > :day)
                group by d.encounter_id
                order by min(e.discharge_at) nulls last, d.encounter_id""")
                .param("zone", zone).param("day", day)
                .query((rs, i) -> {
                    OffsetDateTime t = rs.getObject(3, OffsetDateTime.class);
                    Instant discharged = t == null ? null : t.toInstant();
                    boolean late = discharged != null && !day.isBefore(CompletionClock.delinquentOn(discharged, clock.getZone(), n));
                    long days = discharged == null ? 0 : Math.max(0, CompletionClock.daysSinceDischarge(discharged, clock.getZone(), day));
                    return new OpenRecord(rs.getLong(1), rs.getLong(2), discharged, rs.getInt(4), late, days);
                }).list();
    }

    @Override
    public Delinquency delinquency(LocalDate from, LocalDate to) {
        return delinquency(from, to, null);
    }

    Delinquency delinquency(LocalDate from, LocalDate to, DelinquencyFormula formula) {
        CompletionPolicy p = escalations.policy();
        DelinquencyFormula f = formula == null ? p.formula() : formula;
        LocalDate end = to == null ? clock.today() : to;
        LocalDate start = from == null ? end.withDayOfMonth(1) : from;
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("from: after to");
        }
        String zone = clock.getZone().getId();
        long delinquent;
        double discharges;
        if (f == DelinquencyFormula.MONTHLY_DISCHARGES) {
            // Records delinquent at the end of the period: some deficiency open on the day after it, past the line.
            LocalDate asOf = end.isAfter(clock.today()) ? clock.today() : end;
            delinquent = jdbc.sql("""
                    select count(distinct d.encounter_id) from deficiency d
                    join chart_completion_encounter e on e.encounter_id = d.encounter_id
                    where e.discharge_at is not null
                      and (e.discharge_at at time zone :zone)::date + :n + 1 <= :asOf
                      and (d.opened_at at time zone :zone)::date <= :asOf
                      and (d.closed_at is null or (d.closed_at at time zone :zone)::date > :asOf)""")
                    .param("zone", zone).param("n", p.delinquentDays()).param("asOf", asOf).query(Long.class).single();
            LocalDate quarterStart = end.withDayOfMonth(1).minusMonths(3);
            long quarter = jdbc.sql("""
                    select count(*) from chart_completion_encounter where status = 'FINISHED' and discharge_at is not null
                      and (discharge_at at time zone :zone)::date >= :from and (discharge_at at time zone :zone)::date < :to""")
                    .param("zone", zone).param("from", quarterStart).param("to", end.withDayOfMonth(1)).query(Long.class).single();
            discharges = quarter / 3.0;
        } else {
            delinquent = jdbc.sql("""
                    select count(distinct d.encounter_id) from deficiency d
                    join chart_completion_encounter e on e.encounter_id = d.encounter_id
                    where e.discharge_at is not null
                      and (e.discharge_at at time zone :zone)::date between :from and :to
                      and (e.discharge_at at time zone :zone)::date + :n + 1 <= :today
                      and (d.closed_at is null
                           or (d.closed_at at time zone :zone)::date >= (e.discharge_at at time zone :zone)::date + :n + 1)""")
                    .param("zone", zone).param("from", start).param("to", end).param("n", p.delinquentDays())
                    .param("today", clock.today()).query(Long.class).single();
            discharges = jdbc.sql("""
                    select count(*) from chart_completion_encounter where status = 'FINISHED' and discharge_at is not null
                      and (discharge_at at time zone :zone)::date between :from and :to""")
                    .param("zone", zone).param("from", start).param("to", end).query(Long.class).single();
        }
        double rate = CompletionClock.rate(delinquent, discharges);
        double alert = p.alertPercent().doubleValue();
        return new Delinquency(start, end, f, f.title(), delinquent, Math.round(discharges * 100) / 100.0, rate, alert, rate >= alert,
                JdbcRecordCompletion.RETIRED_NOTE);
    }

    @Override
    public List<CompletedDeficiency> completed(Instant from, Instant to) {
        return jdbc.sql("""
                select id, encounter_id, patient_id, rule_code, opened_at, closed_at from deficiency
                where state = 'CLOSED' and closed_at >= ? and closed_at < ? order by closed_at, id""")
                .params(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))
                .query((rs, i) -> new CompletedDeficiency(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }
}
