package org.custodian.cdi.internal;

import java.time.Instant;
import java.util.List;
import org.custodian.Rows;
import org.custodian.cdi.CdiFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** {@link CdiFigures} from {@code cdi_query} and {@code cdi_review}. */
@Service
class JdbcCdiFigures implements CdiFigures {

    private final JdbcClient jdbc;

    JdbcCdiFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<QueryDates> queries(Instant start, Instant end) {
        return jdbc.sql("""
                select id, patient_id, encounter_id, created_at, answered_at, outcome, severity_before, severity_after
                from cdi_query where created_at >= ? and created_at < ? order by created_at, id""")
                .params(Rows.utc(start), Rows.utc(end))
                .query((rs, i) -> new QueryDates(rs.getLong(1), rs.getLong(2), rs.getLong(3), Rows.instant(rs, 4),
                        Rows.instant(rs, 5), rs.getString(6), Rows.instant(rs, 5) != null
                        && JdbcCdiQueries.rank(rs.getString(8)) > JdbcCdiQueries.rank(rs.getString(7))
                        && JdbcCdiQueries.rank(rs.getString(8)) > 0))
                .list();
    }

    @Override
    public List<ReviewDates> reviews(Instant start, Instant end) {
        return jdbc.sql("select patient_id, encounter_id, reviewed_at from cdi_review where reviewed_at >= ? and reviewed_at < ?")
                .params(Rows.utc(start), Rows.utc(end))
                .query((rs, i) -> new ReviewDates(rs.getLong(1), rs.getLong(2), Rows.instant(rs, 3))).list();
    }
}
