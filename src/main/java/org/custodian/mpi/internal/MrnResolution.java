package org.custodian.mpi.internal;

import java.util.List;
import java.util.Optional;
import org.custodian.patient.PatientNotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * From an MRN to the patient who holds it now: a retired registration's MRN leads to its survivor,
 * following a chain of merges.
 */
@Component
class MrnResolution {

    private final JdbcClient jdbc;

    MrnResolution(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> resolveMrn(String facility, String mrn) {
        return Optional.ofNullable(resolveMrns(facility, List.of(mrn)).get(mrn));
    }

    java.util.Map<String, Long> resolveMrns(String facility, java.util.Collection<String> mrns) {
        java.util.Map<String, Long> resolved = new java.util.HashMap<>();
        if (mrns.isEmpty()) {
            return resolved;
        }
        // The MRNs' own rows by the (facility, mrn) key, then the rare retired one followed to its survivor.
        // Each MRN looked up by the whole key (lateral, limit 1: never turned into a join that scans).
        // Other forms were planned as scans (docs/decisions.md#query-plans-on-the-feeds-path).
        jdbc.sql("""
                        select m.mrn, p.id, p.merged_into from unnest(?::text[]) as m (mrn)
                        cross join lateral (select id, merged_into from patient
                                            where facility = ? and mrn = m.mrn limit 1) p""")
                .params(mrns.toArray(String[]::new), facility == null ? "MAIN" : facility)
                .query((rs, i) -> {
                    Long mergedInto = rs.getObject(3, Long.class);
                    return resolved.put(rs.getString(1), mergedInto == null ? rs.getLong(2) : survivorOf(mergedInto));
                }).list();
        return resolved;
    }

    long survivorOf(long patientId) {
        return jdbc.sql("""
                with recursive chain (id, merged_into) as (
                    select id, merged_into from patient where id = ?
                    union all
                    select p.id, p.merged_into from patient p join chain c on p.id = c.merged_into)
                select id from chain where merged_into is null""")
                .param(patientId).query(Long.class).optional().orElseThrow(() -> new PatientNotFoundException(patientId));
    }
}
