package org.custodian.chart.internal;

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
 * The chart's care relationships as reasons to open a chart: an encounter's attending, admitting,
 * consulting and operating practitioners during the stay, a document's author and named cosigner
 * from its writing until it is signed (the practitioner's linked account).
 */
@Component
class ChartAccessReasons implements AccessReasons {

    private final JdbcClient jdbc;
    private final ProviderDirectory directory;

    ChartAccessReasons(JdbcClient jdbc, ProviderDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    @Override
    public List<AccessReason> reasons(Instant from, Instant to) {
        record R(long practitionerId, long patientId, String kind, String detail, Instant start, Instant end) {
        }
        List<R> rows = new ArrayList<>(jdbc.sql("""
                select p.practitioner_id, e.patient_id, lower(p.role), e.id, e.admit_at, e.discharge_at
                from encounter_participant p join encounter e on e.id = p.encounter_id
                where e.admit_at < ? and (e.discharge_at is null or e.discharge_at >= ?)""")
                .params(Rows.utc(to), Rows.utc(from))
                .query((rs, i) -> new R(rs.getLong(1), rs.getLong(2), rs.getString(3), "encounter " + rs.getLong(4),
                        Rows.instant(rs, 5), Rows.instant(rs, 6))).list());
        rows.addAll(jdbc.sql("""
                select x.practitioner_id, d.patient_id, x.kind, d.id, d.created_at, d.signed_at
                from clinical_document d
                cross join lateral (values (d.author_id, 'document author'), (d.cosigner_id, 'document cosigner')) x(practitioner_id, kind)
                where x.practitioner_id is not null and d.created_at < ? and (d.signed_at is null or d.signed_at >= ?)""")
                .params(Rows.utc(to), Rows.utc(from))
                .query((rs, i) -> new R(rs.getLong(1), rs.getLong(2), rs.getString(3), "document " + rs.getLong(4),
                        Rows.instant(rs, 5), Rows.instant(rs, 6))).list());
        Map<Long, Practitioner> who = directory.byIds(rows.stream().map(R::practitionerId).distinct().toList());
        List<AccessReason> out = new ArrayList<>();
        for (R r : rows) {
            Practitioner p = who.get(r.practitionerId());
            if (p != null && p.username() != null) {
                out.add(new AccessReason(p.username(), r.patientId(), r.kind().startsWith("document") ? r.kind() : r.kind() + " practitioner",
                        r.detail(), r.start(), r.end()));
            }
        }
        return out;
    }
}
