package org.custodian.completion.internal;

import java.time.Instant;
import java.util.List;
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
        DeficiencyReferences references = new DeficiencyReferences(jdbc, directory,
                rows.stream().map(CompletedBefore::encounterId).toList());
        List<DeficiencyReferences.Checked> checked = new java.util.ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < rows.size(); i++) {
            CompletedBefore r = rows.get(i);
            String at = "row " + (i + 1) + ": ";
            if (r.openedAt() == null || r.closedAt() == null || r.closedAt().isBefore(r.openedAt()) || r.closedAt().isAfter(now)) {
                throw new IllegalArgumentException(at + "closedAt: must be given, not before openedAt and not in the future");
            }
            if (r.closedBy() == null || r.closedBy().isBlank() || r.closedBy().length() > 100) {
                throw new IllegalArgumentException(at + "closedBy: who completed it, 1-100 characters");
            }
            checked.add(references.check(at, r.rule(), r.encounterId(), r.documentId(), r.practitionerId()));
        }
        String importer = SecurityContextHolder.getContext().getAuthentication().getName();
        for (int i = 0; i < rows.size(); i++) {
            CompletedBefore r = rows.get(i);
            DeficiencyReferences.Rule rule = checked.get(i).rule();
            long patientId = checked.get(i).patientId();
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
