package org.custodian.coding.internal;

import java.time.Instant;
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
        return AccessReasons.query(jdbc, """
                select coder, patient_id, 'coding', 'coding abstract of encounter ' || encounter_id, started_at, finalized_at
                from coding_abstract where started_at < :t and coalesce(finalized_at, 'infinity') >= :f""", from, to);
    }
}
