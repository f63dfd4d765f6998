package org.custodian.completion.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.custodian.HospitalClock;
import org.custodian.RecordLabels;
import org.custodian.Rows;
import org.custodian.completion.InboxItem;
import org.custodian.completion.InboxSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The inbox's deficiency items: every open deficiency of the practitioner, with days left before delinquency. */
@Component
class DeficiencyInbox implements InboxSource {

    private final JdbcClient jdbc;
    private final HospitalClock clock;
    private final RecordLabels labels;
    private final Escalations escalations;

    DeficiencyInbox(JdbcClient jdbc, java.time.Clock clock, RecordLabels labels, Escalations escalations) {
        this.jdbc = jdbc;
        this.clock = HospitalClock.of(clock);
        this.labels = labels;
        this.escalations = escalations;
    }

    @Override
    public List<InboxItem> itemsFor(long practitionerId) {
        record R(long id, long patientId, String number, String rule, String title, Long documentId, String missing,
                 String description, Instant opened, Instant due, Instant discharge, boolean automatic, String docStatus) {
        }
        List<R> rows = jdbc.sql("""
                select d.id, d.patient_id, e.encounter_number, d.rule_code, r.title, d.document_id, d.missing_type, d.description,
                       d.opened_at, d.due_at, case when e.status = 'FINISHED' then e.discharge_at end, d.automatic, doc.status
                from deficiency d
                join deficiency_rule r on r.code = d.rule_code and r.version = d.rule_version
                left join chart_completion_encounter e on e.encounter_id = d.encounter_id
                left join chart_completion_document doc on doc.document_id = d.document_id
                where d.state = 'OPEN' and d.practitioner_id = ?
                order by coalesce(e.discharge_at, d.opened_at), d.id""")
                .param(practitionerId)
                .query((rs, i) -> new R(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Rows.longOrNull(rs, "document_id"), rs.getString(7), rs.getString(8), Rows.instant(rs, 9), Rows.instant(rs, 10),
                        Rows.instant(rs, 11), rs.getBoolean(12), rs.getString(13))).list();
        Map<Long, RecordLabels.PatientLabel> patients = labels.patients(rows.stream().map(R::patientId).distinct().toList(),
                "the physician's chart-completion inbox");
        int days = escalations.policy().delinquentDays();
        return rows.stream().map(r -> {
            RecordLabels.PatientLabel p = patients.get(r.patientId());
            String action;
            String href;
            String title;
            if (r.documentId() != null && ("UNSIGNED".equals(r.docStatus()) || "DRAFT".equals(r.docStatus())) && r.automatic()) {
                action = "DRAFT".equals(r.docStatus()) ? "complete" : "sign";
                href = "/documents/" + r.documentId();
                title = ("sign".equals(action) ? "Sign " : "Complete ") + "document " + r.documentId();
            } else if (r.missing() != null) {
                action = "dictate";
                href = "/patients/" + r.patientId();
                title = "Dictate the missing " + missingTitle(r.missing());
            } else {
                action = "complete";
                href = r.documentId() != null ? "/documents/" + r.documentId() : "/patients/" + r.patientId();
                title = r.description() == null ? r.title() : r.description();
            }
            Long left = r.discharge() == null ? null : CompletionClock.daysLeft(r.discharge(), clock.getZone(), days, clock.today());
            return new InboxItem("deficiency", r.id(), r.patientId(), p == null ? null : p.mrn(), p == null ? null : p.name(),
                    r.number(), title + " — " + r.title(), action, href, r.documentId(), r.due(), left,
                    r.discharge() != null ? r.discharge() : r.opened());
        }).toList();
    }

    static String missingTitle(String missing) {
        try {
            return org.custodian.chart.DocumentType.valueOf(missing).title().toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return missing;
        }
    }
}
