package org.custodian.mpi.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.custodian.mpi.DuplicateFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link DuplicateFigures} as of any instant: merges then in force, pairs found and not yet decided then. */
@Component
class JdbcDuplicateFigures implements DuplicateFigures {

    private final JdbcClient jdbc;

    JdbcDuplicateFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public IndexHealth at(Instant at) {
        OffsetDateTime t = at.atOffset(ZoneOffset.UTC);
        long registrations = jdbc.sql("select count(*) from patient where created_at <= ?").param(t).query(Long.class).single();
        long merged = jdbc.sql("""
                select count(distinct retired_patient_id) from patient_merge
                where merged_at <= ? and (unmerged_at is null or unmerged_at > ?)""").params(t, t).query(Long.class).single();
        // Pending then: found by then, and not decided by then (or parked as needing research).
        List<PendingPair> pending = jdbc.sql("""
                select id, patient_a, patient_b, weight, found_at from mpi_pair
                where found_at <= ? and (status in ('OPEN', 'NEEDS_RESEARCH') and (decided_at is null or status = 'NEEDS_RESEARCH')
                                         or decided_at > ?)
                order by weight desc, id""").params(t, t)
                .query((rs, n) -> new PendingPair(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant())).list();
        long suspected = pending.stream().map(PendingPair::patientB).distinct().count();
        return new IndexHealth(registrations, merged, suspected, pending);
    }
}
