package org.custodian.chart.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.custodian.chart.AmendmentFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcAmendmentFigures implements AmendmentFigures {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcAmendmentFigures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<AmendmentDates> requests(LocalDate from, LocalDate to) {
        OffsetDateTime start = from.atStartOfDay(clock.getZone()).toOffsetDateTime();
        return jdbc.sql("""
                select id, patient_id, document_id, received_on, coalesce(extended_to, due_on), decided_at
                from amendment_request
                where received_on <= ? and (decided_at is null or decided_at >= ?)
                order by coalesce(extended_to, due_on), id""")
                .params(to, start)
                .query((rs, n) -> {
                    OffsetDateTime decided = rs.getObject(6, OffsetDateTime.class);
                    return new AmendmentDates(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getObject(4, LocalDate.class),
                            rs.getObject(5, LocalDate.class), decided == null ? null : decided.toInstant());
                }).list();
    }
}
