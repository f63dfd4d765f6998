package org.custodian.coding.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custodian.Actor;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dual-coding audit: a random sample of final billing abstracts is drawn; an auditor codes each
 * chart blind (the AUDIT abstract, saved and finalized like the coder's, never shown the coder's
 * codes); agreement is then reported per coder, code by code, against the 95% benchmark.
 */
@Repository
public class JdbcCodingAudit {

    /** AHIMA's commonly cited coding accuracy benchmark. */
    static final double BENCHMARK = 95.0;

    public record Agreement(String coder, int charts, double principalDiagnosis, double allDiagnoses, double procedures,
                     boolean meetsBenchmark) {
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    JdbcCodingAudit(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Draws up to {@code size} final billing abstracts not sampled before, at random, and the named
     * encounters whose billing abstract is final; returns the encounter ids drawn.
     */
    List<Long> drawSample(int size, List<Long> named) {
        List<Long[]> drawn = jdbc.sql("""
                with picked as (
                    (select a.encounter_id, a.patient_id from coding_abstract a
                     where a.kind = 'BILLING' and a.status = 'FINAL'
                       and not exists (select 1 from coding_audit_sample s where s.encounter_id = a.encounter_id)
                     order by random() limit ?)
                    union
                    select a.encounter_id, a.patient_id from coding_abstract a
                    where a.kind = 'BILLING' and a.status = 'FINAL' and a.encounter_id = any(?)),
                ins as (
                    insert into coding_audit_sample (encounter_id, drawn_at, drawn_by)
                    select encounter_id, ?, ? from picked
                    on conflict do nothing
                    returning encounter_id)
                select ins.encounter_id, picked.patient_id from ins join picked using (encounter_id)""")
                .params(size, named.toArray(Long[]::new), clock.instant().atOffset(ZoneOffset.UTC), Actor.current())
                .query((rs, n) -> new Long[] {rs.getLong(1), rs.getLong(2)}).list();
        List<AuditEntry> entries = new ArrayList<>();
        for (Long[] d : drawn) {
            entries.add(audit.entry(AuditAction.CREATE, AuditOutcome.SUCCESS, d[1], "CodingAuditSample", d[0], null));
        }
        if (!entries.isEmpty()) {
            audit.recordAll(entries);
        }
        return drawn.stream().map(d -> d[0]).sorted().toList();
    }

    /** The sampled encounters with whether the auditor's abstract is final yet. */
    List<Map<String, Object>> sample() {
        return jdbc.sql("""
                select s.encounter_id, s.drawn_at, coalesce(x.status, 'NEW') as audit_status
                from coding_audit_sample s
                left join coding_abstract x on x.encounter_id = s.encounter_id and x.kind = 'AUDIT'
                order by s.drawn_at desc, s.encounter_id""")
                .query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("encounterId", rs.getLong(1));
                    m.put("drawnAt", rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
                    m.put("auditStatus", rs.getString(3));
                    return m;
                }).list();
    }

    boolean sampled(long encounterId) {
        return jdbc.sql("select count(*) from coding_audit_sample where encounter_id = ?").param(encounterId)
                .query(Integer.class).single() > 0;
    }

    /** Who coded the billing abstract: an auditor may not audit their own coding. */
    String billingCoder(long encounterId) {
        return jdbc.sql("select coder from coding_abstract where encounter_id = ? and kind = 'BILLING'")
                .param(encounterId).query(String.class).optional().orElse(null);
    }

    /**
     * Per coder, over the charts whose audit abstract is final: principal diagnosis agreement (same
     * code), and code-level agreement for all diagnoses and for procedures, each chart counting
     * |coder ∩ auditor| agreeing codes out of |coder ∪ auditor| codes — a missed code, an extra
     * code and a wrong code each count against accuracy. Reports no patient data, only coders.
     */
    List<Agreement> agreement() {
        record Row(String coder, long encounterId, String kind, String system, int position, String code) {
        }
        List<Row> rows = jdbc.sql("""
                select b.coder, a.encounter_id, a.kind, c.system, c.position, c.code
                from coding_audit_sample s
                join coding_abstract x on x.encounter_id = s.encounter_id and x.kind = 'AUDIT' and x.status = 'FINAL'
                join coding_abstract b on b.encounter_id = s.encounter_id and b.kind = 'BILLING' and b.status = 'FINAL'
                join coding_abstract a on a.encounter_id = s.encounter_id and a.kind in ('AUDIT', 'BILLING')
                join coding_abstract_code c on c.abstract_id = a.id
                order by b.coder, a.encounter_id""")
                .query((rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6))).list();
        // coder -> encounter -> kind -> system -> codes; principal kept apart.
        Map<String, Map<Long, Map<String, Map<String, Set<String>>>>> tree = new LinkedHashMap<>();
        Map<String, String> principal = new HashMap<>();
        for (Row r : rows) {
            tree.computeIfAbsent(r.coder, k -> new LinkedHashMap<>()).computeIfAbsent(r.encounterId, k -> new HashMap<>())
                    .computeIfAbsent(r.kind, k -> new HashMap<>()).computeIfAbsent(r.system, k -> new HashSet<>()).add(r.code);
            if (r.system.equals("icd10cm") && r.position == 0) {
                principal.put(r.encounterId + "|" + r.kind, r.code);
            }
        }
        List<Agreement> out = new ArrayList<>();
        for (var coder : tree.entrySet()) {
            int charts = 0;
            int pdxAgree = 0;
            long dxAgree = 0;
            long dxAll = 0;
            long pxAgree = 0;
            long pxAll = 0;
            for (var enc : coder.getValue().entrySet()) {
                charts++;
                Map<String, Set<String>> billing = enc.getValue().getOrDefault("BILLING", Map.of());
                Map<String, Set<String>> audited = enc.getValue().getOrDefault("AUDIT", Map.of());
                String pb = principal.get(enc.getKey() + "|BILLING");
                if (pb != null && pb.equals(principal.get(enc.getKey() + "|AUDIT"))) {
                    pdxAgree++;
                }
                long[] dx = overlap(billing.getOrDefault("icd10cm", Set.of()), audited.getOrDefault("icd10cm", Set.of()));
                long[] px = overlap(billing.getOrDefault("icd10pcs", Set.of()), audited.getOrDefault("icd10pcs", Set.of()));
                dxAgree += dx[0];
                dxAll += dx[1];
                pxAgree += px[0];
                pxAll += px[1];
            }
            double p = pct(pdxAgree, charts);
            double d = pct(dxAgree, dxAll);
            double x = pxAll == 0 ? 100.0 : pct(pxAgree, pxAll);
            out.add(new Agreement(coder.getKey(), charts, p, d, x, p >= BENCHMARK && d >= BENCHMARK && x >= BENCHMARK));
        }
        return out;
    }

    private static long[] overlap(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        long both = a.stream().filter(b::contains).count();
        return new long[] {both, union.size()};
    }

    private static double pct(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 10.0;
    }
}
