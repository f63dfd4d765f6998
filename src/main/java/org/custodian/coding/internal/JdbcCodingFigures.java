package org.custodian.coding.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.custodian.coding.CodingFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link CodingFigures} from the worklist and the abstracts, the same tables DNFB and productivity pages read. */
@Component
class JdbcCodingFigures implements CodingFigures {

    private final JdbcClient jdbc;

    JdbcCodingFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<OpenEncounter> dnfbAt(Instant at) {
        OffsetDateTime t = at.atOffset(ZoneOffset.UTC);
        return jdbc.sql("""
                select w.encounter_id, w.patient_id, w.encounter_class, w.discharge_at
                from coding_worklist w
                left join coding_abstract a on a.encounter_id = w.encounter_id and a.kind = 'BILLING'
                where w.discharge_at <= ? and (a.finalized_at is null or a.finalized_at > ?)
                order by w.discharge_at, w.encounter_id""")
                .params(t, t)
                .query((rs, n) -> {
                    Instant discharged = rs.getObject(4, OffsetDateTime.class).toInstant();
                    return new OpenEncounter(rs.getLong(1), rs.getLong(2), rs.getString(3), discharged,
                            Math.max(0, Duration.between(discharged, at).toDays()));
                }).list();
    }

    @Override
    public List<FinalizedChart> finalized(Instant from, Instant to) {
        return jdbc.sql("""
                select encounter_id, patient_id, coder, started_at, finalized_at from coding_abstract
                where kind = 'BILLING' and status = 'FINAL' and finalized_at >= ? and finalized_at < ?
                order by finalized_at, encounter_id""")
                .params(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new FinalizedChart(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list();
    }

    @Override
    public List<AuditedChart> audited(Instant from, Instant to) {
        record Chart(long encounterId, long patientId, String coder, Instant at) {
        }
        List<Chart> charts = jdbc.sql("""
                select x.encounter_id, b.patient_id, b.coder, x.finalized_at
                from coding_audit_sample s
                join coding_abstract x on x.encounter_id = s.encounter_id and x.kind = 'AUDIT' and x.status = 'FINAL'
                join coding_abstract b on b.encounter_id = s.encounter_id and b.kind = 'BILLING' and b.status = 'FINAL'
                where x.finalized_at >= ? and x.finalized_at < ? order by x.finalized_at, x.encounter_id""")
                .params(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new Chart(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant())).list();
        return charts.stream().map(c -> {
            Set<String> billing = codes(c.encounterId, "BILLING");
            Set<String> audit = codes(c.encounterId, "AUDIT");
            Set<String> union = new HashSet<>(billing);
            union.addAll(audit);
            int both = (int) billing.stream().filter(audit::contains).count();
            boolean principal = principal(c.encounterId, "BILLING") != null
                    && principal(c.encounterId, "BILLING").equals(principal(c.encounterId, "AUDIT"));
            return new AuditedChart(c.encounterId, c.patientId, c.coder, c.at, both, union.size(), principal);
        }).toList();
    }

    private Set<String> codes(long encounterId, String kind) {
        return new HashSet<>(jdbc.sql("""
                select c.system || ':' || c.code from coding_abstract a join coding_abstract_code c on c.abstract_id = a.id
                where a.encounter_id = ? and a.kind = ?""").params(encounterId, kind).query(String.class).list());
    }

    private String principal(long encounterId, String kind) {
        return jdbc.sql("""
                select c.code from coding_abstract a join coding_abstract_code c on c.abstract_id = a.id
                where a.encounter_id = ? and a.kind = ? and c.system = 'icd10cm' and c.position = 0""")
                .params(encounterId, kind).query(String.class).optional().orElse(null);
    }
}
