package org.custodian.privacy.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.custodian.privacy.EmergencyAccessFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link EmergencyAccessFigures} from the break-the-glass grants. */
@Component
class JdbcEmergencyAccessFigures implements EmergencyAccessFigures {

    private final JdbcClient jdbc;

    JdbcEmergencyAccessFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<PendingReview> awaitingReviewAt(Instant at) {
        OffsetDateTime t = at.atOffset(ZoneOffset.UTC);
        return jdbc.sql("""
                select id, patient_id, username, purpose, granted_at, review_due from break_glass_grant
                where granted_at < ? and (reviewed_at is null or reviewed_at >= ?)
                order by review_due, id""")
                .params(t, t)
                .query((rs, i) -> new PendingReview(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }
}
