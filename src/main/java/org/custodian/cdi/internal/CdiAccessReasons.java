package org.custodian.cdi.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.custodian.AccessReasons;
import org.custodian.Rows;
import org.custodian.staff.Practitioner;
import org.custodian.staff.ProviderDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Why a CDI specialist or a physician opens a chart: the specialist reviewed the stay from the
 * worklist (for a day from the review) or asked a query on it (until it is answered, and a day after);
 * the physician was asked, or the query was escalated to them (the same span).
 */
@Component
class CdiAccessReasons implements AccessReasons {

    private static final String OPEN_IN_RANGE = "q.created_at < :t and (q.status = 'OPEN' or coalesce(q.answered_at, q.created_at) "
            + "+ interval '1 day' >= :f)";

    private final JdbcClient jdbc;
    private final ProviderDirectory directory;

    CdiAccessReasons(JdbcClient jdbc, ProviderDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    @Override
    public List<AccessReason> reasons(Instant from, Instant to) {
        List<AccessReason> out = new ArrayList<>(AccessReasons.query(jdbc, """
                select reviewer, patient_id, 'CDI review', 'encounter ' || encounter_id, reviewed_at, reviewed_at + interval '1 day'
                from cdi_review where reviewed_at < :t and reviewed_at + interval '1 day' >= :f
                union all
                select q.created_by, q.patient_id, 'CDI query', 'query ' || q.id, q.created_at, q.answered_at + interval '1 day'
                from cdi_query q where""" + " " + OPEN_IN_RANGE, from, to));
        record R(long id, long patientId, long practitionerId, Instant created, Instant answered) {
        }
        List<R> asked = jdbc.sql("""
                select q.id, q.patient_id, p.id, q.created_at, q.answered_at from cdi_query q
                cross join lateral (values (q.practitioner_id), (q.escalated_to)) p(id)
                where p.id is not null and""" + " " + OPEN_IN_RANGE)
                .param("f", Rows.utc(from)).param("t", Rows.utc(to))
                .query((rs, i) -> new R(rs.getLong(1), rs.getLong(2), rs.getLong(3), Rows.instant(rs, 4), Rows.instant(rs, 5))).list();
        Map<Long, Practitioner> who = directory.byIds(asked.stream().map(R::practitionerId).distinct().toList());
        for (R r : asked) {
            Practitioner p = who.get(r.practitionerId());
            if (p != null && p.username() != null) {
                out.add(new AccessReason(p.username(), r.patientId(), "CDI query", "query " + r.id(), r.created(),
                        r.answered() == null ? null : r.answered().plusSeconds(86_400)));
            }
        }
        return out;
    }
}
