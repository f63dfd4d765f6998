package org.custodian.cdi.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.custodian.HospitalClock;
import org.custodian.Problem;
import org.custodian.RecordLabels;
import org.custodian.Rows;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditTrail;
import org.custodian.cdi.CdiAdvisor;
import org.custodian.staff.Practitioner;
import org.custodian.staff.ProviderDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link CdiAdvisor} over {@code cdi_query} (escalated ones) and {@code cdi_advisor_review}. */
@Service
class JdbcCdiAdvisor implements CdiAdvisor {

    private final JdbcClient jdbc;
    private final RecordLabels labels;
    private final ProviderDirectory directory;
    private final AuditTrail audit;
    private final HospitalClock clock;

    JdbcCdiAdvisor(JdbcClient jdbc, RecordLabels labels, ProviderDirectory directory, AuditTrail audit, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.labels = labels;
        this.directory = directory;
        this.audit = audit;
        this.clock = HospitalClock.of(clock);
    }

    private record Row(long id, long encounterId, long patientId, long practitionerId, String template, Instant sentAt,
                       Instant escalatedAt, Instant answeredAt, String status) {
    }

    @Override
    public Page escalated(Long patientId, boolean openOnly, int page, int size) {
        int p = Math.max(0, page);
        int n = size <= 0 ? 50 : Math.min(size, 200);
        String where = "escalated_at is not null" + (openOnly ? " and status = 'OPEN'" : "")
                + (patientId == null ? "" : " and patient_id = " + patientId.longValue());
        long total = jdbc.sql("select count(*) from cdi_query where " + where).query(Long.class).single();
        List<Row> rows = jdbc.sql("select id, encounter_id, patient_id, practitioner_id, template, created_at, escalated_at, answered_at, status"
                        + " from cdi_query where " + where + " order by created_at, id limit ? offset ?")
                .params(n, (long) p * n)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        Rows.instant(rs, 6), Rows.instant(rs, 7), Rows.instant(rs, 8), rs.getString(9))).list();
        if (rows.isEmpty()) {
            return new Page(List.of(), total, p, n);
        }
        Map<Long, RecordLabels.EncounterLabel> stays = labels.encounters(rows.stream().map(Row::encounterId).distinct().toList(),
                "the physician advisor's queue of escalated CDI queries");
        Map<Long, List<Review>> reviews = new HashMap<>();
        jdbc.sql("select id, query_id, outcome, note, reviewed_by, reviewed_at from cdi_advisor_review where query_id = any(?) order by reviewed_at, id")
                .param(rows.stream().map(Row::id).toArray(Long[]::new))
                .query((rs, i) -> new Review(rs.getLong(1), rs.getLong(2), ReviewOutcome.valueOf(rs.getString(3)), rs.getString(4),
                        rs.getString(5), Rows.instant(rs, 6))).list()
                .forEach(r -> reviews.computeIfAbsent(r.queryId(), k -> new ArrayList<>()).add(r));
        Map<Long, String> physicians = new HashMap<>();
        Instant now = clock.instant();
        List<Escalated> items = new ArrayList<>();
        for (Row r : rows) {
            RecordLabels.EncounterLabel e = stays.get(r.encounterId());
            RecordLabels.PatientLabel pl = e == null ? null : e.patient();
            String physician = physicians.computeIfAbsent(r.practitionerId(),
                    id -> directory.find(id).map(Practitioner::display).orElse("practitioner " + id));
            Instant until = r.answeredAt() != null ? r.answeredAt() : now;
            items.add(new Escalated(r.id(), r.encounterId(), r.patientId(), pl == null ? null : pl.name(), pl == null ? null : pl.mrn(),
                    e == null ? null : e.visitNumber(), r.practitionerId(), physician, r.template(), r.sentAt(), r.escalatedAt(),
                    Math.max(0, Duration.between(r.sentAt(), until).toHours()), r.status(), reviews.getOrDefault(r.id(), List.of())));
        }
        return new Page(items, total, p, n);
    }

    @Override
    @Transactional
    public Review review(long queryId, ReviewOutcome outcome, String note) {
        if (outcome == null) {
            throw Problem.invalid("invalid-cdi-advisor-review", "outcome: one of " + java.util.Arrays.toString(ReviewOutcome.values()));
        }
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > 2000) {
            throw Problem.invalid("invalid-cdi-advisor-review", "note: at most 2,000 characters");
        }
        record Q(long patientId, boolean escalated) {
        }
        Q q = jdbc.sql("select patient_id, escalated_at is not null from cdi_query where id = ?").param(queryId)
                .query((rs, i) -> new Q(rs.getLong(1), rs.getBoolean(2))).optional()
                .orElseThrow(() -> Problem.notFound("cdi-query-not-found", "No such query", "No query has the id " + queryId));
        if (!q.escalated()) {
            throw Problem.conflict("cdi-query-not-escalated", "Query not escalated",
                    "Query " + queryId + " has not been escalated to the physician advisor");
        }
        Instant at = clock.instant();
        String by = JdbcCdiQueries.username();
        long id = jdbc.sql("insert into cdi_advisor_review (query_id, outcome, note, reviewed_by, reviewed_at) values (?, ?, ?, ?, ?) returning id")
                .params(queryId, outcome.name(), text, by, Rows.utc(at)).query(Long.class).single();
        audit.patient(AuditAction.UPDATE, q.patientId(), "CdiQuery", queryId);
        return new Review(id, queryId, outcome, text, by, at);
    }
}
