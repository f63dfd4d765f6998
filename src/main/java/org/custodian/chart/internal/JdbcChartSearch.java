package org.custodian.chart.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custodian.Rows;
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
import org.custodian.staff.ProviderDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

@Service
class JdbcChartSearch implements ChartSearch {

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    private final ProviderDirectory directory;

    JdbcChartSearch(JdbcClient jdbc, AuditTrail audit, ProviderDirectory directory) {
        this.directory = directory;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    public List<Encounter> encounters(EncounterCriteria c, boolean ascending, int offset, int limit) {
        Filter f = new Filter()
                .and("patient_id = :patient", "patient", c.patientId(), c.patientId())
                .and("coalesce(discharge_at, 'infinity') >= :from", "from", Rows.utc(c.from()), c.from())
                .and("admit_at < :to", "to", Rows.utc(c.to()), c.to())
                .without(c.withoutPatients());
        if (c.discharged() != null) {
            f.and(c.discharged() ? "discharge_at is not null" : "discharge_at is null", "discharged", null, c.discharged());
        }
        String order = ascending ? "admit_at, id" : "admit_at desc, id desc";
        List<Encounter> found = jdbc.sql("""
                        select id, patient_id, encounter_number, encounter_class, admit_at, discharge_at,
                               attending_provider, service, discharge_disposition
                        from encounter\s""" + f.where() + " order by " + order + " limit :limit offset :offset")
                .params(f.params).param("limit", limit).param("offset", offset)
                .query((rs, i) -> encounter(rs)).list();
        audit.record(AuditAction.SEARCH, AuditOutcome.SUCCESS, c.patientId(), "Encounter", null,
                f.described() + " -> " + found.size());
        return found;
    }

    @Override
    public List<DocumentSummary> documents(DocumentCriteria c, boolean ascending, int offset, int limit) {
        return documents(c, ascending, offset, limit, SensitiveRecords.visible(directory));
    }

    @Override
    public List<DocumentSummary> documentsToSegment(DocumentCriteria c, boolean ascending, int offset, int limit) {
        return documents(c, ascending, offset, limit, null);
    }

    private List<DocumentSummary> documents(DocumentCriteria c, boolean ascending, int offset, int limit, String visible) {
        Filter f = new Filter()
                .and("patient_id = :patient", "patient", c.patientId(), c.patientId())
                .and("loinc_code = :type", "type", c.loincCode(), c.loincCode())
                .and("created_at >= :from", "from", Rows.utc(c.from()), c.from())
                .and("created_at < :to", "to", Rows.utc(c.to()), c.to())
                .without(c.withoutPatients());
        if (visible != null) { // Part 2 records and others' psychotherapy notes (issue 22)
            f.conditions.add(visible);
        }
        String order = ascending ? "created_at, id" : "created_at desc, id desc";
        List<DocumentSummary> found = jdbc.sql("""
                        select id, patient_id, encounter_id, doc_type, loinc_code, title, author, status, created_at,
                               signed_by, signed_at
                        from clinical_document d\s""" + f.where() + " order by " + order + " limit :limit offset :offset")
                .params(f.params).param("limit", limit).param("offset", offset)
                .query((rs, i) -> new DocumentSummary(rs.getLong(1), rs.getLong(2), nullableLong(rs, 3),
                        DocumentType.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        DocumentStatus.valueOf(rs.getString(8)), Rows.instant(rs, 9), rs.getString(10), Rows.instant(rs, 11)))
                .list();
        audit.record(AuditAction.SEARCH, AuditOutcome.SUCCESS, c.patientId(), "DocumentReference", null,
                f.described() + " -> " + found.size());
        return found;
    }

    @Override
    public java.util.Optional<Long> patientOfEncounter(long encounterId) {
        return jdbc.sql("select patient_id from encounter where id = ?").param(encounterId).query(Long.class).optional();
    }

    @Override
    public java.util.Optional<Long> patientOfFinding(long findingId) {
        return jdbc.sql("select patient_id from chart_finding where id = ?").param(findingId).query(Long.class).optional();
    }

    /**
     * The where clause of a search, its parameters, and the words the audit trail records for it
     * (criteria by name, never values beyond ids, codes and dates).
     */
    private static final class Filter {
        private final List<String> conditions = new ArrayList<>();
        private final Map<String, Object> params = new LinkedHashMap<>();
        private final List<String> described = new ArrayList<>();

        /** Adds the condition when the criterion was given; {@code value} is bound as {@code :name} unless null. */
        Filter and(String condition, String name, Object value, Object given) {
            if (given != null) {
                conditions.add(condition);
                if (value != null) {
                    params.put(name, value);
                }
                described.add(name + "=" + given);
            }
            return this;
        }

        /** Leaves these patients out (not named in the audit trail: a flag is not the reader's business). */
        Filter without(java.util.Collection<Long> patientIds) {
            if (patientIds != null && !patientIds.isEmpty()) {
                conditions.add("patient_id not in (:withoutPatients)");
                params.put("withoutPatients", patientIds);
            }
            return this;
        }

        String where() {
            return conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions);
        }

        String described() {
            return described.isEmpty() ? "all" : String.join(" ", described);
        }
    }

    private static Encounter encounter(ResultSet rs) throws SQLException {
        String disposition = rs.getString(9);
        return new Encounter(rs.getLong(1), rs.getLong(2), rs.getString(3), EncounterClass.valueOf(rs.getString(4)),
                Rows.instant(rs, 5), Rows.instant(rs, 6), rs.getString(7), rs.getString(8),
                disposition == null ? null : DischargeDisposition.ofCode(disposition).orElse(null));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

}
