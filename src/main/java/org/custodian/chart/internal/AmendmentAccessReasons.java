package org.custodian.chart.internal;

import java.time.Instant;
import java.util.List;
import org.custodian.AccessReasons;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A patient's request to amend is the reason of who received it and who decided it to open the chart, from receipt until decided (or rebutted). Privacy monitoring explains chart accesses with these (45 CFR 164.308(a)(1)(ii)(D)).
 */
@Component
class AmendmentAccessReasons implements AccessReasons {

    private final JdbcClient jdbc;

    AmendmentAccessReasons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<AccessReason> reasons(Instant from, Instant to) {
        return AccessReasons.query(jdbc, """
                select received_by, patient_id, 'amendment', 'amendment request ' || id, received_on::timestamptz, coalesce(rebuttal_at, decided_at)
                from amendment_request where received_on::timestamptz < :t and coalesce(rebuttal_at, decided_at, 'infinity') >= :f
                union all
                select decided_by, patient_id, 'amendment', 'decision on amendment request ' || id, received_on::timestamptz, coalesce(rebuttal_at, decided_at)
                from amendment_request where decided_by is not null and received_on::timestamptz < :t and coalesce(rebuttal_at, decided_at) >= :f""", from, to);
    }
}
