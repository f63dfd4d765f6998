package org.custodian.chart.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.custodian.Rows;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.ChartFindings;
import org.custodian.chart.ChartNotFoundException;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.FindingKind;
import org.custodian.chart.NewFinding;
import org.custodian.patient.PatientNotFoundException;
import org.custodian.patient.PatientRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class JdbcChartFindings implements ChartFindings {

    private static final String COLUMNS = """
            id, patient_id, encounter_id, kind, code_system, code, display, performed_at, recorded_at""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final PatientRegistry patients;
    private final AuditTrail audit;

    JdbcChartFindings(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx, PatientRegistry patients,
                      AuditTrail audit) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = tx;
        this.patients = patients;
        this.audit = audit;
    }

    @Override
    public List<CodedFinding> conditions(long encounterId) {
        return ofEncounter(encounterId, FindingKind.CONDITION);
    }

    @Override
    public List<CodedFinding> procedures(long encounterId) {
        return ofEncounter(encounterId, FindingKind.PROCEDURE);
    }

    private List<CodedFinding> ofEncounter(long encounterId, FindingKind kind) {
        List<CodedFinding> found = jdbc.sql("select " + COLUMNS + " from chart_finding where encounter_id = ? and kind = ?"
                        + " order by performed_at nulls last, id")
                .params(encounterId, kind.name()).query((rs, i) -> map(rs)).list();
        Long patientId = jdbc.sql("select patient_id from encounter where id = ?").param(encounterId)
                .query(Long.class).optional().orElse(null);
        audit.record(AuditAction.READ, AuditOutcome.SUCCESS, patientId, kind == FindingKind.CONDITION ? "Condition" : "Procedure",
                null, "encounter " + encounterId + ": " + found.size());
        return found;
    }

    @Override
    public CodedFinding finding(long id) {
        CodedFinding f = jdbc.sql("select " + COLUMNS + " from chart_finding where id = ?").param(id)
                .query((rs, i) -> map(rs)).optional()
                .orElseThrow(() -> new ChartNotFoundException("Finding", id));
        audit.patient(AuditAction.READ, f.patientId(), resourceType(f.kind()), id);
        return f;
    }

    @Override
    public List<CodedFinding> forPatient(long patientId, FindingKind kind, int offset, int limit) {
        List<CodedFinding> found = jdbc.sql("select " + COLUMNS + " from chart_finding where patient_id = ? and kind = ?"
                        + " order by coalesce(performed_at, recorded_at) desc nulls last, id desc limit ? offset ?")
                .params(patientId, kind.name(), limit, offset).query((rs, i) -> map(rs)).list();
        audit.record(AuditAction.SEARCH, AuditOutcome.SUCCESS, patientId, resourceType(kind), null,
                "patient " + patientId + " -> " + found.size());
        return found;
    }

    private static String resourceType(FindingKind kind) {
        return kind == FindingKind.CONDITION ? "Condition" : "Procedure";
    }

    /** Same shape as the other bulk loads: one check of the patients, one id query, one batch. */
    @Override
    public List<Long> recordAll(List<NewFinding> findings) {
        if (findings.isEmpty()) {
            return List.of();
        }
        List<Long> ids = tx.execute(status -> {
            Set<Long> known = patients.existing(findings.stream().map(NewFinding::patientId).toList());
            for (NewFinding f : findings) {
                if (!known.contains(f.patientId())) {
                    throw new PatientNotFoundException(f.patientId());
                }
            }
            List<Long> created = jdbc.sql("select nextval(pg_get_serial_sequence('chart_finding', 'id')) from generate_series(1, ?)")
                    .param(findings.size()).query(Long.class).list();
            List<Object[]> rows = new ArrayList<>(findings.size());
            for (int i = 0; i < findings.size(); i++) {
                NewFinding f = findings.get(i);
                rows.add(new Object[] {created.get(i), f.patientId(), f.encounterId(), f.kind().name(), f.system(), f.code(),
                        f.display(), Rows.utc(f.performedAt()), Rows.utc(f.recordedAt())});
            }
            batch.batchUpdate("""
                    insert into chart_finding (id, patient_id, encounter_id, kind, code_system, code, display,
                                               performed_at, recorded_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows, new int[] {Types.BIGINT, Types.BIGINT, Types.BIGINT,
                    Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE,
                    Types.TIMESTAMP_WITH_TIMEZONE});
            return created;
        });
        audit.created("CodedFinding", ids, findings.stream().map(NewFinding::patientId).toList());
        return ids;
    }

    private static CodedFinding map(ResultSet rs) throws SQLException {
        long encounter = rs.getLong(3);
        Long encounterId = rs.wasNull() ? null : encounter;
        return new CodedFinding(rs.getLong(1), rs.getLong(2), encounterId, FindingKind.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getString(7), Rows.instant(rs, 8), Rows.instant(rs, 9));
    }

}
