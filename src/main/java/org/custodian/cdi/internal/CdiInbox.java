package org.custodian.cdi.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.custodian.RecordLabels;
import org.custodian.Rows;
import org.custodian.completion.InboxItem;
import org.custodian.completion.InboxSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The physician's inbox items of CDI: each open query sent (or escalated) to the practitioner, due when escalation comes. */
@Component
class CdiInbox implements InboxSource {

    private final JdbcClient jdbc;
    private final RecordLabels labels;
    private final CdiSettings settings;

    CdiInbox(JdbcClient jdbc, RecordLabels labels, CdiSettings settings) {
        this.jdbc = jdbc;
        this.labels = labels;
        this.settings = settings;
    }

    @Override
    public List<InboxItem> itemsFor(long practitionerId) {
        record R(long id, long patientId, long encounterId, String template, Instant createdAt, boolean escalated, boolean followUp) {
        }
        List<R> rows = jdbc.sql("""
                select id, patient_id, encounter_id, template, created_at, escalated_to = :p, followed_up_at is not null from cdi_query
                where status = 'OPEN' and (practitioner_id = :p or escalated_to = :p) order by created_at, id""")
                .param("p", practitionerId)
                .query((rs, i) -> new R(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), Rows.instant(rs, 5),
                        rs.getBoolean(6), rs.getBoolean(7))).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, RecordLabels.EncounterLabel> encounters = labels.encounters(rows.stream().map(R::encounterId).distinct().toList(),
                "the physician's inbox (documentation queries)");
        Duration escalation = settings.escalateAfter();
        return rows.stream().map(r -> {
            RecordLabels.EncounterLabel e = encounters.get(r.encounterId());
            RecordLabels.PatientLabel p = e == null ? null : e.patient();
            String title = TemplateLibrary.find(r.template()).map(t -> t.title()).orElse(r.template());
            return new InboxItem("cdi-query", r.id(), r.patientId(), p == null ? null : p.mrn(), p == null ? null : p.name(),
                    e == null ? null : e.visitNumber(), "Answer documentation query: " + title + (r.escalated() ? " (escalated to you)" : r.followUp() ? " (follow-up: still unanswered)" : ""),
                    "answer", "/cdi/queries/" + r.id(), null, r.createdAt().plus(escalation), null, r.createdAt());
        }).toList();
    }
}
