package org.custodian.completion.internal;

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

/** A practitioner assigned a deficiency may open that patient's chart while it is open (to complete it). */
@Component
class CompletionAccessReasons implements AccessReasons {

    private final JdbcClient jdbc;
    private final ProviderDirectory directory;

    CompletionAccessReasons(JdbcClient jdbc, ProviderDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    @Override
    public List<AccessReason> reasons(Instant from, Instant to) {
        record R(long id, long patientId, long practitionerId, Instant opened, Instant closed) {
        }
        List<R> rows = jdbc.sql("""
                select id, patient_id, practitioner_id, opened_at, closed_at from deficiency
                where practitioner_id is not null and opened_at < ? and (closed_at is null or closed_at >= ?)""")
                .params(Rows.utc(to), Rows.utc(from))
                .query((rs, i) -> new R(rs.getLong(1), rs.getLong(2), rs.getLong(3), Rows.instant(rs, 4), Rows.instant(rs, 5))).list();
        Map<Long, Practitioner> who = directory.byIds(rows.stream().map(R::practitionerId).distinct().toList());
        List<AccessReason> out = new ArrayList<>();
        for (R r : rows) {
            Practitioner p = who.get(r.practitionerId());
            if (p != null && p.username() != null) {
                out.add(new AccessReason(p.username(), r.patientId(), "deficiency assigned", "deficiency " + r.id(), r.opened(), r.closed()));
            }
        }
        return out;
    }
}
