package org.custodian.monitoring.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.custodian.monitoring.MonitoringFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link MonitoringFigures} from the alerts the privacy officer works. */
@Component
class JdbcMonitoringFigures implements MonitoringFigures {

    private final JdbcClient jdbc;

    JdbcMonitoringFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<OpenAlert> openAt(Instant at) {
        OffsetDateTime t = at.atOffset(ZoneOffset.UTC);
        return jdbc.sql("""
                select id, patient_id, username, day, score, created_at from monitoring_alert
                where created_at < ? and (decided_at is null or decided_at >= ?)
                order by score desc, id""")
                .params(t, t)
                .query((rs, i) -> new OpenAlert(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                        rs.getInt(5), rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }
}
