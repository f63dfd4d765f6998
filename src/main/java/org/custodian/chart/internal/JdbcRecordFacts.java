package org.custodian.chart.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.custodian.Rows;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.FindingKind;
import org.custodian.chart.RecordFacts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** {@link RecordFacts} over the chart's tables: one statement per call, indexes by patient and encounter. */
@Service
class JdbcRecordFacts implements RecordFacts {

    private static final String LOINC = "code=http://loinc.org|";

    private static final String STAY = """
            select e.id, e.patient_id, e.encounter_number, e.admit_at, e.discharge_at, e.service, e.attending_provider,
                   (select p.practitioner_id from encounter_participant p where p.encounter_id = e.id and p.role = 'ATTENDING'
                    order by p.at desc nulls last limit 1) as attending_id, e.discharge_disposition
            from encounter e
            """;

    private static final String MEASUREMENT = """
            select r.id, r.fhir_id, r.patient_id, r.encounter_id, substring(t.term from length(cast(:prefix as text)) + 1) as loinc,
                   coalesce(r.resource->'code'->>'text', r.resource->'code'->'coding'->0->>'display') as name,
                   (r.resource->'valueQuantity'->>'value')::numeric as value,
                   coalesce(r.resource->'valueQuantity'->>'unit', r.resource->'valueQuantity'->>'code') as unit, r.date_start
            from clinical_resource r
            cross join lateral (select x as term from unnest(r.terms) x where x like cast(:prefix as text) || '%' limit 1) t
            where r.resource_type = 'Observation' and r.destroyed_at is null
              and coalesce(r.status, '') not in ('cancelled', 'entered-in-error')
              and jsonb_typeof(r.resource->'valueQuantity'->'value') = 'number'
            """;

    private final JdbcClient jdbc;

    JdbcRecordFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Stay> inHouse() {
        return jdbc.sql(STAY + """
                where e.encounter_class = 'INPATIENT' and e.discharge_at is null and e.status = 'IN_PROGRESS'
                  and e.destroyed_at is null order by e.admit_at, e.id""").query(this::stay).list();
    }

    @Override
    public List<Stay> dischargedSince(Instant since) {
        return jdbc.sql(STAY + """
                where e.encounter_class = 'INPATIENT' and e.discharge_at >= ? and e.status = 'FINISHED'
                  and e.destroyed_at is null order by e.discharge_at desc, e.id""").param(Rows.utc(since)).query(this::stay).list();
    }

    @Override
    public List<Stay> stays(Collection<Long> encounterIds) {
        if (encounterIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(STAY + " where e.id = any(?) and e.destroyed_at is null").param(encounterIds.toArray(Long[]::new))
                .query(this::stay).list();
    }

    private Stay stay(ResultSet rs, int i) throws SQLException {
        return new Stay(rs.getLong(1), rs.getLong(2), rs.getString(3), Rows.instant(rs, 4), Rows.instant(rs, 5), rs.getString(6),
                rs.getString(7), Rows.longOrNull(rs, "attending_id"), rs.getString(9));
    }

    @Override
    public List<Measurement> measurements(Collection<Long> patientIds, Collection<String> loincCodes, Instant from) {
        if (patientIds.isEmpty() || loincCodes.isEmpty()) {
            return List.of();
        }
        String[] terms = loincCodes.stream().map(c -> LOINC + c).toArray(String[]::new);
        return jdbc.sql(MEASUREMENT.replace("x like cast(:prefix as text) || '%'", "x = any(cast(:terms as text[]))") + """
                  and r.patient_id = any(:patients) and r.terms && cast(:terms as text[]) and r.date_start >= :from
                order by r.patient_id, r.date_start, r.id""")
                .param("prefix", LOINC).param("terms", terms).param("patients", patientIds.toArray(Long[]::new))
                .param("from", Rows.utc(from)).query(this::toMeasurement).list();
    }

    @Override
    public Optional<Measurement> measurement(long resourceId) {
        return jdbc.sql(MEASUREMENT + " and r.id = :id").param("prefix", LOINC).param("id", resourceId)
                .query(this::toMeasurement).optional();
    }

    private Measurement toMeasurement(ResultSet rs, int i) throws SQLException {
        return new Measurement(rs.getLong(1), rs.getString(2), rs.getLong(3), Rows.longOrNull(rs, "encounter_id"), rs.getString(5),
                rs.getString(6), rs.getBigDecimal(7), rs.getString(8), Rows.instant(rs, 9));
    }

    @Override
    public List<CodedFinding> findings(Collection<Long> encounterIds) {
        if (encounterIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select id, patient_id, encounter_id, kind, code_system, code, display, performed_at, recorded_at
                from chart_finding where encounter_id = any(?) order by encounter_id, id""")
                .param(encounterIds.toArray(Long[]::new))
                .query((rs, i) -> new CodedFinding(rs.getLong(1), rs.getLong(2), Rows.longOrNull(rs, "encounter_id"),
                        FindingKind.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        Rows.instant(rs, 8), Rows.instant(rs, 9))).list();
    }
}
