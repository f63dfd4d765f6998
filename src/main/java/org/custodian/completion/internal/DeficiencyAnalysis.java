package org.custodian.completion.internal;

import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.custodian.Rows;
import org.custodian.chart.ChartViews;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.ParticipantRole;
import org.custodian.completion.internal.Analyzer.Doc;
import org.custodian.completion.internal.Analyzer.Facts;
import org.custodian.completion.internal.Analyzer.Finding;
import org.custodian.completion.internal.Analyzer.Outcome;
import org.custodian.completion.internal.Analyzer.Participant;
import org.custodian.completion.internal.Analyzer.Rule;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the {@link Analyzer} over encounters and makes the deficiency table agree with it: a
 * finding newly open opens a deficiency, an open deficiency whose rule is now met (or whose
 * encounter is gone) closes by itself, a changed responsible practitioner or due time is updated.
 * Facts come from the chart's published views ({@link ChartViews}), a chunk of encounters at a
 * time in three reads, and the changes go as JDBC batches: a full re-analysis is set-based.
 */
@Component
class DeficiencyAnalysis {

    static final int CHUNK = 5_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Escalations escalations;

    DeficiencyAnalysis(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx, Clock clock, Escalations escalations) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = tx;
        this.clock = clock;
        this.escalations = escalations;
    }

    /** The rules in force (latest version of each), by code. */
    Map<String, Rule> rules() {
        Map<String, Rule> rules = new HashMap<>();
        jdbc.sql("""
                select distinct on (code) code, version, due_hours, active from deficiency_rule
                where automatic order by code, version desc""")
                .query((rs, i) -> rules.put(rs.getString(1), new Rule(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getBoolean(4))))
                .list();
        return rules;
    }

    /** Analyses the encounters (in the caller's transaction if any); returns the practitioners whose deficiencies closed. */
    Set<Long> analyse(Collection<Long> encounterIds) {
        if (encounterIds.isEmpty()) {
            return Set.of();
        }
        Set<Long> closedFor = tx.execute(s -> reconcile(List.copyOf(new HashSet<>(encounterIds)), rules()));
        if (!closedFor.isEmpty()) {
            escalations.settle(closedFor);
        }
        return closedFor;
    }

    /** Every encounter, in chunks by id, each chunk its own transaction; returns how many were analysed. */
    int analyseAll() {
        Map<String, Rule> rules = rules();
        long after = 0;
        int total = 0;
        Set<Long> closedFor = new HashSet<>();
        while (true) {
            List<Long> ids = jdbc.sql("select encounter_id from " + ChartViews.COMPLETION_ENCOUNTERS
                            + " where encounter_id > ? order by encounter_id limit ?")
                    .params(after, CHUNK).query(Long.class).list();
            if (ids.isEmpty()) {
                break;
            }
            closedFor.addAll(tx.execute(s -> {
                jdbc.sql("set local synchronous_commit = off").update();
                return reconcile(ids, rules);
            }));
            after = ids.get(ids.size() - 1);
            total += ids.size();
        }
        // Deficiencies of encounters that left the chart's view (cancelled, destroyed).
        jdbc.sql("""
                update deficiency d set state = 'CLOSED', closed_at = ?, closed_by = 'system', closed_reason = 'encounter cancelled or destroyed'
                where d.state = 'OPEN' and d.automatic
                  and not exists (select 1 from chart_completion_encounter e where e.encounter_id = d.encounter_id)""")
                .param(Rows.utc(clock.instant())).update();
        if (!closedFor.isEmpty()) {
            escalations.settle(closedFor);
        }
        return total;
    }

    private record Key(long encounterId, String rule, Long documentId, String missingType) {
    }

    private record Open(long id, Long practitionerId, Instant due) {
    }

    private Set<Long> reconcile(List<Long> ids, Map<String, Rule> rules) {
        Long[] array = ids.toArray(Long[]::new);
        Map<Long, Facts> facts = facts(array);
        Instant now = clock.instant();
        var zone = clock.getZone();

        Map<Key, Finding> expected = new LinkedHashMap<>();
        Map<Key, Long> patientOf = new HashMap<>();
        for (Facts f : facts.values()) {
            for (Finding finding : Analyzer.analyze(f, rules, zone)) {
                if (finding.outcome() == Outcome.OPEN) {
                    Key k = new Key(f.encounterId(), finding.rule(), finding.documentId(), finding.missingType());
                    expected.put(k, finding);
                    patientOf.put(k, f.patientId());
                }
            }
        }
        Map<Key, Open> current = new HashMap<>();
        jdbc.sql("""
                select id, encounter_id, rule_code, document_id, missing_type, practitioner_id, due_at from deficiency
                where encounter_id = any(?) and state = 'OPEN' and automatic""")
                .param(array)
                .query((rs, i) -> current.put(new Key(rs.getLong(2), rs.getString(3), Rows.longOrNull(rs, "document_id"),
                        rs.getString(5)), new Open(rs.getLong(1), Rows.longOrNull(rs, "practitioner_id"), Rows.instant(rs, 7))))
                .list();

        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (var e : expected.entrySet()) {
            Key k = e.getKey();
            Finding f = e.getValue();
            Open o = current.remove(k);
            Rule rule = rules.get(f.rule());
            if (o == null) {
                inserts.add(new Object[] {patientOf.get(k), k.encounterId(), f.practitionerId(), f.rule(), rule.version(),
                        k.documentId(), k.missingType(), Rows.utc(now), Rows.utc(f.due())});
            } else if (!Objects.equals(o.practitionerId(), f.practitionerId()) || !Objects.equals(o.due(), f.due())) {
                updates.add(new Object[] {f.practitionerId(), Rows.utc(f.due()), o.id()});
            }
        }
        Set<Long> closedFor = new HashSet<>();
        List<Object[]> closes = new ArrayList<>();
        for (Open o : current.values()) {
            closes.add(new Object[] {Rows.utc(now), o.id()});
            if (o.practitionerId() != null) {
                closedFor.add(o.practitionerId());
            }
        }
        if (!inserts.isEmpty()) {
            batch.batchUpdate("""
                    insert into deficiency (patient_id, encounter_id, practitioner_id, rule_code, rule_version, automatic,
                                            document_id, missing_type, opened_at, due_at, state, created_by)
                    values (?, ?, ?, ?, ?, true, ?, ?, ?, ?, 'OPEN', 'analysis')""", inserts,
                    new int[] {Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.INTEGER, Types.BIGINT,
                            Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE});
        }
        if (!updates.isEmpty()) {
            batch.batchUpdate("update deficiency set practitioner_id = ?, due_at = ? where id = ?", updates,
                    new int[] {Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT});
        }
        if (!closes.isEmpty()) {
            batch.batchUpdate("""
                    update deficiency set state = 'CLOSED', closed_at = ?, closed_by = 'analysis', closed_reason = 'rule met'
                    where id = ?""", closes, new int[] {Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT});
        }
        return closedFor;
    }

    /** The facts of the encounters, from the chart's views: three reads. */
    private Map<Long, Facts> facts(Long[] ids) {
        Map<Long, Facts> facts = new LinkedHashMap<>();
        jdbc.sql("select encounter_id, patient_id, encounter_class, admit_at, discharge_at, status from "
                        + ChartViews.COMPLETION_ENCOUNTERS + " where encounter_id = any(?)")
                .param(ids)
                .query((rs, i) -> {
                    // A planned visit (pre-admission) starts no clock; a discharge counts once the stay is finished.
                    if ("PLANNED".equals(rs.getString(6))) {
                        return null;
                    }
                    Instant discharge = "FINISHED".equals(rs.getString(6)) ? Rows.instant(rs, 5) : null;
                    return facts.put(rs.getLong(1), new Facts(rs.getLong(1), rs.getLong(2), EncounterClass.valueOf(rs.getString(3)),
                            Rows.instant(rs, 4), discharge, new ArrayList<>(), new ArrayList<>()));
                }).list();
        if (facts.isEmpty()) {
            return facts;
        }
        jdbc.sql("select encounter_id, role, practitioner_id, at from " + ChartViews.COMPLETION_PARTICIPANTS
                        + " where encounter_id = any(?) order by encounter_id, role, at nulls last, practitioner_id")
                .param(ids)
                .query((rs, i) -> {
                    Facts f = facts.get(rs.getLong(1));
                    return f == null ? null : f.participants().add(new Participant(ParticipantRole.valueOf(rs.getString(2)),
                            rs.getLong(3), Rows.instant(rs, 4)));
                }).list();
        jdbc.sql("select document_id, encounter_id, doc_type, title, status, created_at, signed_at, author_id from "
                        + ChartViews.COMPLETION_DOCUMENTS + " where encounter_id = any(?) order by document_id")
                .param(ids)
                .query((rs, i) -> {
                    Facts f = facts.get(rs.getLong(2));
                    return f == null ? null : f.documents().add(new Doc(rs.getLong(1), DocumentType.valueOf(rs.getString(3)),
                            rs.getString(4), DocumentStatus.valueOf(rs.getString(5)), Rows.instant(rs, 6), Rows.instant(rs, 7),
                            Rows.longOrNull(rs, "author_id")));
                }).list();
        return facts;
    }
}
