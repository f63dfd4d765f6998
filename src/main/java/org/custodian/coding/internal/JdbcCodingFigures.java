package org.custodian.coding.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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
        record Code(long encounterId, long patientId, String coder, Instant at, String kind, String system, int position,
                    String code) {
        }
        // One query: every code of both abstracts of the charts audited in the range.
        List<Code> rows = jdbc.sql("""
                select x.encounter_id, b.patient_id, b.coder, x.finalized_at, a.kind, c.system, c.position, c.code
                from coding_audit_sample s
                join coding_abstract x on x.encounter_id = s.encounter_id and x.kind = 'AUDIT' and x.status = 'FINAL'
                join coding_abstract b on b.encounter_id = s.encounter_id and b.kind = 'BILLING' and b.status = 'FINAL'
                join coding_abstract a on a.encounter_id = s.encounter_id and a.kind in ('AUDIT', 'BILLING')
                join coding_abstract_code c on c.abstract_id = a.id
                where x.finalized_at >= ? and x.finalized_at < ? order by x.finalized_at, x.encounter_id""")
                .params(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new Code(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getString(6), rs.getInt(7),
                        rs.getString(8))).list();
        java.util.Map<Long, List<Code>> byChart = new java.util.LinkedHashMap<>();
        rows.forEach(r -> byChart.computeIfAbsent(r.encounterId(), k -> new java.util.ArrayList<>()).add(r));
        return byChart.values().stream().map(codes -> {
            Set<String> billing = new HashSet<>();
            Set<String> audit = new HashSet<>();
            String billingPrincipal = null;
            String auditPrincipal = null;
            for (Code c : codes) {
                boolean isBilling = c.kind().equals("BILLING");
                (isBilling ? billing : audit).add(c.system() + ":" + c.code());
                if (c.system().equals("icd10cm") && c.position() == 0) {
                    if (isBilling) {
                        billingPrincipal = c.code();
                    } else {
                        auditPrincipal = c.code();
                    }
                }
            }
            Set<String> union = new HashSet<>(billing);
            union.addAll(audit);
            int both = (int) billing.stream().filter(audit::contains).count();
            Code first = codes.get(0);
            return new AuditedChart(first.encounterId(), first.patientId(), first.coder(), first.at(), both, union.size(),
                    billingPrincipal != null && billingPrincipal.equals(auditPrincipal));
        }).toList();
    }

    @Override
    public List<GroupedStay> finalStays(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select g.encounter_id, w.patient_id, g.discharge_date, g.drg, g.weight, g.expected_payment
                from coding_drg g left join coding_worklist w on w.encounter_id = g.encounter_id
                where g.final and g.discharge_date >= ? and g.discharge_date <= ?
                order by g.discharge_date, g.encounter_id""")
                .params(from, to)
                .query((rs, n) -> new GroupedStay(rs.getLong(1), (Long) rs.getObject(2), rs.getObject(3, LocalDate.class),
                        (Integer) rs.getObject(4), rs.getBigDecimal(5), rs.getBigDecimal(6)))
                .list();
    }

    @Override
    public Map<Long, BigDecimal> expectedPayments(Collection<Long> encounterIds) {
        Map<Long, BigDecimal> out = new HashMap<>();
        if (encounterIds.isEmpty()) {
            return out;
        }
        jdbc.sql("select encounter_id, expected_payment from coding_drg where expected_payment is not null and encounter_id = any(?)")
                .param(encounterIds.toArray(Long[]::new))
                .query((rs, n) -> out.put(rs.getLong(1), rs.getBigDecimal(2))).list();
        return out;
    }
}
