package org.custodian.disclosure.internal;

import java.time.Instant;
import java.util.List;
import org.custodian.AccessReasons;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A release-of-information request is its specialist's reason to open the patient's chart, from its intake until its release; an accounting request likewise until fulfilled. Privacy monitoring explains chart accesses with these (45 CFR 164.308(a)(1)(ii)(D)).
 */
@Component
class DisclosureAccessReasons implements AccessReasons {

    private final JdbcClient jdbc;

    DisclosureAccessReasons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<AccessReason> reasons(Instant from, Instant to) {
        return AccessReasons.query(jdbc, """
                select created_by, patient_id, 'release of information', 'request ' || request_number, created_at, released_at
                from disclosure_request where created_at < :t and coalesce(released_at, 'infinity') >= :f
                union all
                select released_by, patient_id, 'release of information', 'release of request ' || request_number, created_at, released_at
                from disclosure_request where released_by is not null and created_at < :t and released_at >= :f
                union all
                select created_by, patient_id, 'accounting of disclosures', 'accounting request ' || id, created_at, null
                from accounting_request where created_at < :t""", from, to);
    }
}
