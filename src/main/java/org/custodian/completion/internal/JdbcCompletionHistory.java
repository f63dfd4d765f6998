package org.custodian.completion.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custodian.HospitalClock;
import org.custodian.Rows;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditTrail;
import org.custodian.completion.CompletionHistory;
import org.custodian.staff.ProviderDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcCompletionHistory implements CompletionHistory {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final HospitalClock clock;
    private final ProviderDirectory directory;

    JdbcCompletionHistory(JdbcClient jdbc, AuditTrail audit, HospitalClock clock, ProviderDirectory directory) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.directory = directory;
    }

    @Override
    @Transactional
    public int importCompleted(List<CompletedBefore> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        record Rule(int version, int dueHours, boolean automatic) {
        }
        Map<String, Rule> rules = new HashMap<>();
        jdbc.sql("select distinct on (code) code, version, due_hours, automatic from deficiency_rule order by code, version desc")
                .query(rs -> {
                    rules.put(rs.getString(1), new Rule(rs.getInt(2), rs.getInt(3), rs.getBoolean(4)));
                });
        Long[] encounters = rows.stream().map(CompletedBefore::encounterId).distinct().toArray(Long[]::new);
        Map<Long, Long> patientOf = new HashMap<>();
        jdbc.sql("select encounter_id, patient_id from chart_completion_encounter where encounter_id = any(?)").param(encounters)
                .query(rs -> {
                    patientOf.put(rs.getLong(1), rs.getLong(2));
                });
        Set<String> documents = new HashSet<>();
        jdbc.sql("select document_id || ':' || encounter_id from chart_completion_document where encounter_id = any(?)")
                .param(encounters).query(String.class).list().forEach(documents::add);
        Set<Long> practitioners = new HashSet<>();
        Instant now = clock.instant();
        for (int i = 0; i < rows.size(); i++) {
            CompletedBefore r = rows.get(i);
            String at = "row " + (i + 1) + ": ";
            if (!patientOf.containsKey(r.encounterId())) {
                throw new IllegalArgumentException(at + "encounterId: no such encounter");
            }
            if (!rules.containsKey(r.rule())) {
                throw new IllegalArgumentException(at + "rule: no such deficiency rule");
            }
            if (r.documentId() != null && !documents.contains(r.documentId() + ":" + r.encounterId())) {
                throw new IllegalArgumentException(at + "documentId: not a document of this encounter");
            }
            if (r.openedAt() == null || r.closedAt() == null || r.closedAt().isBefore(r.openedAt()) || r.closedAt().isAfter(now)) {
                throw new IllegalArgumentException(at + "closedAt: must be given, not before openedAt and not in the future");
            }
            if (r.closedBy() == null || r.closedBy().isBlank() || r.closedBy().length() > 100) {
                throw new IllegalArgumentException(at + "closedBy: who completed it, 1-100 characters");
            }
            if (r.practitionerId() != null && practitioners.add(r.practitionerId())
                    && directory.find(r.practitionerId()).isEmpty()) {
                throw new IllegalArgumentException(at + "practitionerId: not in the provider directory");
            }
        }
        String importer = SecurityContextHolder.getContext().getAuthentication().getName();
        for (CompletedBefore r : rows) {
            Rule rule = rules.get(r.rule());
            long patientId = patientOf.get(r.encounterId());
            long id = jdbc.sql("""
                    insert into deficiency (patient_id, encounter_id, practitioner_id, rule_code, rule_version, automatic,
                                            document_id, opened_at, due_at, state, closed_at, closed_by, closed_reason, created_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'CLOSED', ?, ?, 'converted: completed before Custodian', ?)
                    returning id""")
                    .params(patientId, r.encounterId(), r.practitionerId(), r.rule(), rule.version(), rule.automatic(),
                            r.documentId(), Rows.utc(r.openedAt()), Rows.utc(r.openedAt().plusSeconds(3600L * rule.dueHours())),
                            Rows.utc(r.closedAt()), r.closedBy(), importer)
                    .query(Long.class).single();
            audit.patient(AuditAction.CREATE, patientId, "Deficiency", id);
        }
        return rows.size();
    }
}
