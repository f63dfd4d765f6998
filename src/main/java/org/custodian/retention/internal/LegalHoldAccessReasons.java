package org.custodian.retention.internal;

import java.time.Instant;
import java.util.List;
import org.custodian.AccessReasons;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A legal hold is the reason of whoever placed it (and of whoever releases it) to open the patient's chart while it stands. Privacy monitoring explains chart accesses with these (45 CFR 164.308(a)(1)(ii)(D)).
 */
@Component
class LegalHoldAccessReasons implements AccessReasons {

    private final JdbcClient jdbc;

    LegalHoldAccessReasons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<AccessReason> reasons(Instant from, Instant to) {
        return AccessReasons.query(jdbc, """
                select placed_by, patient_id, 'legal hold', 'legal hold ' || id, placed_at, released_at
                from legal_hold where placed_at < :t and coalesce(released_at, 'infinity') >= :f
                union all
                select released_by, patient_id, 'legal hold', 'release of legal hold ' || id, placed_at, released_at
                from legal_hold where released_by is not null and placed_at < :t and released_at >= :f""", from, to);
    }
}
