package org.custodian.interop.internal.hl7;

import java.time.Instant;
import java.util.List;
import org.custodian.Rows;
import org.custodian.interop.InterfaceFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link InterfaceFigures} from {@code hl7_message}. */
@Component
class JdbcInterfaceFigures implements InterfaceFigures {

    private final JdbcClient jdbc;

    JdbcInterfaceFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<MessageInError> inError(Instant start, Instant end) {
        return jdbc.sql("""
                select id, received_at, message_type, status, error, patient_id from hl7_message
                where status in ('FAILED', 'REJECTED') and received_at >= ? and received_at < ? order by received_at desc, id desc""")
                .params(Rows.utc(start), Rows.utc(end))
                .query((rs, i) -> new MessageInError(rs.getLong(1), Rows.instant(rs, 2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Rows.longOrNull(rs, "patient_id"))).list();
    }
}
