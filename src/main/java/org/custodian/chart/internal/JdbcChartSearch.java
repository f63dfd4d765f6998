package org.custodian.chart.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.ChartSearch;
import org.custodian.chart.DischargeDisposition;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentSummary;
import org.custodian.chart.DocumentType;
import org.custodian.chart.Encounter;
import org.custodian.chart.EncounterClass;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

@Service
class JdbcChartSearch implements ChartSearch {

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    JdbcChartSearch(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    public List<Encounter> encounters(EncounterCriteria c, boolean ascending, int offset, int limit) {
        StringBuilder where = new StringBuilder("where true");
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> described = new ArrayList<>();
        if (c.patientId() != null) {
            where.append(" and patient_id = :patient");
            params.put("patient", c.patientId());
            described.add("patient=" + c.patientId());
        }
        if (c.from() != null) {
            where.append(" and coalesce(discharge_at, 'infinity') >= :from");
            params.put("from", utc(c.from()));
            described.add("from=" + c.from());
        }
        if (c.to() != null) {
            where.append(" and admit_at < :to");
            params.put("to", utc(c.to()));
            described.add("to=" + c.to());
        }
        if (c.discharged() != null) {
            where.append(c.discharged() ? " and discharge_at is not null" : " and discharge_at is null");
            described.add("discharged=" + c.discharged());
        }
        String order = ascending ? "admit_at, id" : "admit_at desc, id desc";
        List<Encounter> found = jdbc.sql("""
                        select id, patient_id, encounter_number, encounter_class, admit_at, discharge_at,
                               attending_provider, service, discharge_disposition
                        from encounter\s""" + where + " order by " + order + " limit :limit offset :offset")
                .params(params).param("limit", limit).param("offset", offset)
                .query((rs, i) -> encounter(rs)).list();
        audit.record(AuditAction.SEARCH, AuditOutcome.SUCCESS, c.patientId(), "Encounter", null,
                (described.isEmpty() ? "all" : String.join(" ", described)) + " -> " + found.size());
        return found;
    }

    @Override
    public List<DocumentSummary> documents(DocumentCriteria c, boolean ascending, int offset, int limit) {
        StringBuilder where = new StringBuilder("where true");
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> described = new ArrayList<>();
        if (c.patientId() != null) {
            where.append(" and patient_id = :patient");
            params.put("patient", c.patientId());
            described.add("patient=" + c.patientId());
        }
        if (c.loincCode() != null) {
            where.append(" and loinc_code = :loinc");
            params.put("loinc", c.loincCode());
            described.add("type=" + c.loincCode());
        }
        if (c.from() != null) {
            where.append(" and created_at >= :from");
            params.put("from", utc(c.from()));
            described.add("from=" + c.from());
        }
        if (c.to() != null) {
            where.append(" and created_at < :to");
            params.put("to", utc(c.to()));
            described.add("to=" + c.to());
        }
        String order = ascending ? "created_at, id" : "created_at desc, id desc";
        List<DocumentSummary> found = jdbc.sql("""
                        select id, patient_id, encounter_id, doc_type, loinc_code, title, author, status, created_at,
                               signed_by, signed_at
                        from clinical_document\s""" + where + " order by " + order + " limit :limit offset :offset")
                .params(params).param("limit", limit).param("offset", offset)
                .query((rs, i) -> new DocumentSummary(rs.getLong(1), rs.getLong(2), nullableLong(rs, 3),
                        DocumentType.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        DocumentStatus.valueOf(rs.getString(8)), instant(rs, 9), rs.getString(10), instant(rs, 11)))
                .list();
        audit.record(AuditAction.SEARCH, AuditOutcome.SUCCESS, c.patientId(), "DocumentReference", null,
                (described.isEmpty() ? "all" : String.join(" ", described)) + " -> " + found.size());
        return found;
    }

    private static Encounter encounter(ResultSet rs) throws SQLException {
        String disposition = rs.getString(9);
        return new Encounter(rs.getLong(1), rs.getLong(2), rs.getString(3), EncounterClass.valueOf(rs.getString(4)),
                instant(rs, 5), instant(rs, 6), rs.getString(7), rs.getString(8),
                disposition == null ? null : DischargeDisposition.ofCode(disposition).orElse(null));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
