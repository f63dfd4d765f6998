package org.custodian.disclosure.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.custodian.disclosure.AccountingRequest;
import org.custodian.disclosure.DisclosureFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcDisclosureFigures implements DisclosureFigures {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcDisclosureFigures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<RequestDates> requests(LocalDate from, LocalDate to) {
        OffsetDateTime start = from.atStartOfDay(clock.getZone()).toOffsetDateTime();
        return jdbc.sql("""
                select id, request_number, patient_id, requester_name, received_on, coalesce(extended_due_on, due_on), released_at
                from disclosure_request
                where received_on <= ? and (released_at is null or released_at >= ?)
                order by coalesce(extended_due_on, due_on), id""")
                .params(to, start)
                .query((rs, n) -> {
                    OffsetDateTime released = rs.getObject(7, OffsetDateTime.class);
                    return new RequestDates(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
                            released == null ? null : released.toInstant());
                }).list();
    }

    @Override
    public List<AccountingRequest> accountingRequests(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select id, patient_id, requester_name, received_on, due_on, fulfilled_on from accounting_request
                where received_on <= ? and (fulfilled_on is null or fulfilled_on >= ?) order by due_on, id""")
                .params(to, from)
                .query((rs, n) -> new AccountingRequest(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class))).list();
    }
}
