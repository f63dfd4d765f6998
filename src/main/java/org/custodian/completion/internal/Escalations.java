package org.custodian.completion.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.custodian.HospitalClock;
import org.custodian.Rows;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.completion.CompletionPolicy;
import org.custodian.completion.DelinquencyFormula;
import org.custodian.completion.EscalationStep;
import org.custodian.staff.Practitioner;
import org.custodian.staff.ProviderDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The escalation ladder of the medical staff bylaws: a reminder, a notice to the department
 * chair, a suspension of admitting and scheduling privileges, each at its day after discharge of
 * the practitioner's oldest open deficiency; each a dated PDF letter and an audit event. A
 * practitioner whose delinquent records are complete has the suspension lifted and the letters of
 * the episode resolved ({@link #settle}).
 */
@Component
class Escalations {

    private final JdbcClient jdbc;
    private final HospitalClock clock;
    private final AuditTrail audit;
    private final ProviderDirectory directory;

    Escalations(JdbcClient jdbc, java.time.Clock clock, AuditTrail audit, ProviderDirectory directory) {
        this.jdbc = jdbc;
        this.clock = HospitalClock.of(clock);
        this.audit = audit;
        this.directory = directory;
    }

    CompletionPolicy policy() {
        return jdbc.sql("""
                select version, delinquent_days, reminder_day, chair_day, suspension_day, formula, alert_percent
                from completion_policy order by version desc limit 1""")
                .query((rs, i) -> new CompletionPolicy(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        DelinquencyFormula.valueOf(rs.getString(6)), rs.getBigDecimal(7))).single();
    }

    record Standing(long practitionerId, int open, Instant oldestDischarge) {
    }

    /** Each practitioner's open deficiencies on discharged records and the oldest discharge among them. */
    List<Standing> standings(Collection<Long> only) {
        String filter = only == null ? "" : " and d.practitioner_id = any(:ids)";
        var sql = jdbc.sql("""
                select d.practitioner_id, count(*), min(e.discharge_at)
                from deficiency d join chart_completion_encounter e on e.encounter_id = d.encounter_id
                where d.state = 'OPEN' and d.practitioner_id is not null and e.discharge_at is not null and e.status = 'FINISHED'"""
                + filter + " group by d.practitioner_id");
        if (only != null) {
            sql = sql.param("ids", only.toArray(Long[]::new));
        }
        return sql.query((rs, i) -> new Standing(rs.getLong(1), rs.getInt(2), Rows.instant(rs, 3))).list();
    }

    /** Issues every letter now due and not yet issued in the practitioner's current episode. */
    List<Long> escalate() {
        CompletionPolicy p = policy();
        LocalDate today = clock.today();
        List<Long> issued = new ArrayList<>();
        List<Standing> standings = standings(null);
        Map<Long, Practitioner> practitioners = directory.byIds(standings.stream().map(Standing::practitionerId).toList());
        for (Standing s : standings) {
            int days = (int) CompletionClock.daysSinceDischarge(s.oldestDischarge(), clock.getZone(), today);
            EscalationStep reached = CompletionClock.step(days, p.reminderDay(), p.chairDay(), p.suspensionDay());
            if (reached == null) {
                continue;
            }
            Practitioner who = practitioners.get(s.practitionerId());
            for (EscalationStep step : EscalationStep.values()) {
                if (step.ordinal() > reached.ordinal()) {
                    break;
                }
                boolean exists = jdbc.sql("select count(*) from completion_letter where practitioner_id = ? and step = ? and resolved_at is null")
                        .params(s.practitionerId(), step.name()).query(Long.class).single() > 0;
                if (exists) {
                    continue;
                }
                byte[] pdf = LetterPdf.render(step, today, who == null ? "Practitioner " + s.practitionerId() : who.display(),
                        who == null ? null : who.department(), s.open(), days, p.delinquentDays(), p.suspensionDay());
                // A concurrent climb (the daily job and the director's button) may have issued it meanwhile: once only.
                var inserted = jdbc.sql("""
                        insert into completion_letter (practitioner_id, step, issued_at, issued_on, open_deficiencies, oldest_days, pdf)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (practitioner_id, step) where resolved_at is null do nothing returning id""")
                        .params(s.practitionerId(), step.name(), Rows.utc(clock.instant()), today, s.open(), days, pdf)
                        .query(Long.class).optional();
                if (inserted.isEmpty()) {
                    continue;
                }
                long id = inserted.get();
                audit.record(AuditAction.CREATE, AuditOutcome.SUCCESS, null, "CompletionLetter", id,
                        step.name() + " to practitioner " + s.practitionerId());
                if (step == EscalationStep.SUSPENSION) {
                    jdbc.sql("""
                            insert into completion_suspension (practitioner_id, suspended_at, letter_id) values (?, ?, ?)
                            on conflict do nothing""").params(s.practitionerId(), Rows.utc(clock.instant()), id).update();
                    audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, null, "CompletionSuspension", s.practitionerId(),
                            "admitting and scheduling privileges suspended for delinquent records");
                }
                issued.add(id);
            }
        }
        return issued;
    }

    /**
     * After deficiencies of these practitioners closed: one with no delinquent record left has the
     * suspension lifted; one with no open deficiency past the reminder day has the episode's letters resolved.
     */
    void settle(Collection<Long> practitionerIds) {
        if (practitionerIds.isEmpty()) {
            return;
        }
        CompletionPolicy p = policy();
        LocalDate today = clock.today();
        Map<Long, Standing> standing = new java.util.HashMap<>();
        standings(practitionerIds).forEach(s -> standing.put(s.practitionerId(), s));
        for (long id : practitionerIds) {
            Standing s = standing.get(id);
            long days = s == null ? -1 : CompletionClock.daysSinceDischarge(s.oldestDischarge(), clock.getZone(), today);
            if (s == null || !CompletionClock.delinquent(s.oldestDischarge(), clock.getZone(), p.delinquentDays(), today)) {
                int lifted = jdbc.sql("""
                        update completion_suspension set lifted_at = ?, lifted_by = 'system', lift_reason = 'delinquent records complete'
                        where practitioner_id = ? and lifted_at is null""").params(Rows.utc(clock.instant()), id).update();
                if (lifted > 0) {
                    audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, null, "CompletionSuspension", id,
                            "suspension lifted: delinquent records complete");
                }
            }
            if (s == null || days < p.reminderDay()) {
                jdbc.sql("update completion_letter set resolved_at = ? where practitioner_id = ? and resolved_at is null")
                        .params(Rows.utc(clock.instant()), id).update();
            }
        }
    }
}
