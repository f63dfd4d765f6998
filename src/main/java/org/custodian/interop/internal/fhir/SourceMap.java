package org.custodian.interop.internal.fhir;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The interop module's own tables: which local row each source resource became (so that a second
 * import changes nothing), and the practitioners and organizations of the sending systems.
 */
@Repository
class SourceMap {

    record Key(String resourceType, String sourceKey) {
    }

    record Mapped(long localId, Long patientId) {
    }

    record Row(String resourceType, String sourceKey, long localId, Long patientId) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    SourceMap(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Those of the keys already imported, in one query. */
    Map<Key, Mapped> lookup(Collection<Key> keys) {
        Map<Key, Mapped> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        select m.resource_type, m.source_key, m.local_id, m.patient_id from fhir_source_map m
                        join unnest(?::text[], ?::text[]) as k(t, s) on m.resource_type = k.t and m.source_key = k.s""")
                .params(keys.stream().map(Key::resourceType).toArray(String[]::new),
                        keys.stream().map(Key::sourceKey).toArray(String[]::new))
                .query((rs, i) -> {
                    long patient = rs.getLong(4);
                    found.put(new Key(rs.getString(1), rs.getString(2)), new Mapped(rs.getLong(3), rs.wasNull() ? null : patient));
                    return null;
                }).list();
        return found;
    }

    void insert(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Object[]> args = new ArrayList<>(rows.size());
        for (Row r : rows) {
            args.add(new Object[] {r.resourceType(), r.sourceKey(), r.localId(), r.patientId()});
        }
        batch.batchUpdate("insert into fhir_source_map (resource_type, source_key, local_id, patient_id) values (?, ?, ?, ?)",
                args, new int[] {Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.BIGINT});
    }

    /** Local ids for new practitioners, inserted with their NPI and name. */
    List<Long> insertPractitioners(List<String[]> npiAndName) {
        return insertDirectory("fhir_practitioner", "npi, name", npiAndName);
    }

    List<Long> insertOrganizations(List<String[]> nameCityState) {
        return insertDirectory("fhir_organization", "name, city, state", nameCityState);
    }

    private List<Long> insertDirectory(String table, String columns, List<String[]> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        List<Long> ids = jdbc.sql("select nextval(pg_get_serial_sequence(?, 'id')) from generate_series(1, ?)")
                .params(table, values.size()).query(Long.class).list();
        List<Object[]> args = new ArrayList<>(values.size());
        int width = values.get(0).length;
        for (int i = 0; i < values.size(); i++) {
            Object[] row = new Object[width + 1];
            row[0] = ids.get(i);
            System.arraycopy(values.get(i), 0, row, 1, width);
            args.add(row);
        }
        batch.batchUpdate("insert into " + table + " (id, " + columns + ") values (?" + ", ?".repeat(width) + ")", args);
        return ids;
    }

    Map<Long, String> practitionerNames(Collection<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("select id, name from fhir_practitioner where id = any(?)").param(ids.toArray(Long[]::new))
                    .query((rs, i) -> names.put(rs.getLong(1), rs.getString(2))).list();
        }
        return names;
    }

    Map<Long, String> organizationNames(Collection<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("select id, name from fhir_organization where id = any(?)").param(ids.toArray(Long[]::new))
                    .query((rs, i) -> names.put(rs.getLong(1), rs.getString(2))).list();
        }
        return names;
    }
}
