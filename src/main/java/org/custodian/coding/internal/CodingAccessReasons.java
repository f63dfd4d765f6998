package org.custodian.coding.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.custodian.AccessReasons;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A coder's abstract of an encounter is their reason to open the patient's chart, from its start until it is final. Privacy monitoring explains chart accesses with these (45 CFR 164.308(a)(1)(ii)(D)).
 */
@Component
class CodingAccessReasons implements AccessReasons {

    private final JdbcClient jdbc;

    CodingAccessReasons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<AccessReason> reasons(Instant from, Instant to) {
        OffsetDateTime f = from.atOffset(ZoneOffset.UTC);
        OffsetDateTime t = to.atOffset(ZoneOffset.UTC);
        return jdbc.sql("""
                select coder, patient_id, 'coding', 'coding abstract of encounter ' || encounter_id, started_at, finalized_at
                from coding_abstract where started_at < :t and coalesce(finalized_at, 'infinity') >= :f""")
                .param("t", t).param("f", f)
                .query((rs, i) -> new AccessReason(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(),
                        rs.getObject(6, OffsetDateTime.class) == null ? null : rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }
}
