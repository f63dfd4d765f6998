package org.custodian.chart.internal;

import java.sql.Types;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custodian.Actor;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.ChartNotFoundException;
import org.custodian.chart.Sensitivity;
import org.custodian.chart.SensitivityTags;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

@Service
class JdbcSensitivityTags implements SensitivityTags {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final AuditTrail audit;
    private final Clock clock;

    JdbcSensitivityTags(JdbcClient jdbc, JdbcTemplate batch, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void tagDocument(long documentId, Sensitivity tag) {
        long patientId = patientOf("clinical_document", "Document", documentId);
        jdbc.sql("""
                insert into document_sensitivity (document_id, tag, tagged_by, tagged_at) values (?, ?, ?, ?)
                on conflict do nothing""")
                .params(documentId, tag.name(), Actor.current(), clock.instant().atOffset(ZoneOffset.UTC)).update();
        audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, patientId, "DocumentReference", documentId,
                "sensitivity " + tag.name());
    }

    @Override
    public void tagEncounter(long encounterId, Sensitivity tag) {
        long patientId = patientOf("encounter", "Encounter", encounterId);
        jdbc.sql("""
                insert into encounter_sensitivity (encounter_id, tag, tagged_by, tagged_at) values (?, ?, ?, ?)
                on conflict do nothing""")
                .params(encounterId, tag.name(), Actor.current(), clock.instant().atOffset(ZoneOffset.UTC)).update();
        audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, patientId, "Encounter", encounterId,
                "sensitivity " + tag.name());
    }

    @Override
    public void tagDocuments(Map<Long, Sensitivity> tags) {
        if (tags.isEmpty()) {
            return;
        }
        Map<Long, Long> patients = new HashMap<>();
        jdbc.sql("select id, patient_id from clinical_document where id = any(?)")
                .param(tags.keySet().toArray(Long[]::new))
                .query(rs -> {
                    patients.put(rs.getLong(1), rs.getLong(2));
                });
        String user = Actor.current();
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>(tags.size());
        List<AuditEntry> entries = new ArrayList<>(tags.size());
        for (Map.Entry<Long, Sensitivity> t : tags.entrySet()) {
            Long patientId = patients.get(t.getKey());
            if (patientId == null) {
                throw new ChartNotFoundException("Document", t.getKey());
            }
            rows.add(new Object[] {t.getKey(), t.getValue().name(), user, now});
            entries.add(audit.entry(AuditAction.UPDATE, AuditOutcome.SUCCESS, patientId, "DocumentReference",
                    t.getKey(), "sensitivity " + t.getValue().name()));
        }
        batch.batchUpdate("""
                insert into document_sensitivity (document_id, tag, tagged_by, tagged_at) values (?, ?, ?, ?)
                on conflict do nothing""", rows,
                new int[] {Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE});
        audit.recordAll(entries);
    }

    @Override
    public Set<Sensitivity> ofDocument(long documentId) {
        return ofDocuments(List.of(documentId)).getOrDefault(documentId, EnumSet.noneOf(Sensitivity.class));
    }

    @Override
    public Set<Sensitivity> ofEncounter(long encounterId) {
        Set<Sensitivity> tags = EnumSet.noneOf(Sensitivity.class);
        jdbc.sql("select tag from encounter_sensitivity where encounter_id = ?").param(encounterId)
                .query(String.class).list().forEach(t -> tags.add(Sensitivity.valueOf(t)));
        return tags;
    }

    @Override
    public Map<Long, Set<Sensitivity>> ofEncounters(Collection<Long> encounterIds) {
        Map<Long, Set<Sensitivity>> tags = new HashMap<>();
        if (encounterIds.isEmpty()) {
            return tags;
        }
        jdbc.sql("select encounter_id, tag from encounter_sensitivity where encounter_id = any(?)")
                .param(encounterIds.toArray(Long[]::new))
                .query(rs -> {
                    tags.computeIfAbsent(rs.getLong(1), k -> EnumSet.noneOf(Sensitivity.class))
                            .add(Sensitivity.valueOf(rs.getString(2)));
                });
        return tags;
    }

    @Override
    public Map<Long, Set<Sensitivity>> ofDocuments(Collection<Long> documentIds) {
        Map<Long, Set<Sensitivity>> tags = new HashMap<>();
        if (documentIds.isEmpty()) {
            return tags;
        }
        jdbc.sql("""
                select ds.document_id, ds.tag from document_sensitivity ds where ds.document_id = any(?)
                union
                select d.id, es.tag from clinical_document d join encounter_sensitivity es on es.encounter_id = d.encounter_id
                where d.id = any(?)""")
                .params(documentIds.toArray(Long[]::new), documentIds.toArray(Long[]::new))
                .query(rs -> {
                    tags.computeIfAbsent(rs.getLong(1), k -> EnumSet.noneOf(Sensitivity.class))
                            .add(Sensitivity.valueOf(rs.getString(2)));
                });
        return tags;
    }

    private long patientOf(String table, String what, long id) {
        return jdbc.sql("select patient_id from " + table + " where id = ?").param(id).query(Long.class).optional()
                .orElseThrow(() -> new ChartNotFoundException(what, id));
    }

}
