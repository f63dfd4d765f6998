package org.custodian.coding.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.coding.CodeSets;
import org.custodian.coding.CodeSystem;
import org.custodian.coding.CodingHistory;
import org.custodian.coding.FiscalYear;
import org.custodian.coding.ReferenceList;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records prior final codings in a constant number of statements, however many: the worklist rows
 * and existing abstracts in one query each, the codes checked against the code sets in one, the
 * abstracts and their codes inserted from arrays (unnest) in one each. Joins the caller's
 * transaction.
 */
@Service
class JdbcCodingHistory implements CodingHistory {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final CodeSets codeSets;
    private final JdbcReferenceLists lists;
    private final AuditTrail audit;
    private final Clock clock;
    private final CaseMixService caseMix;

    JdbcCodingHistory(JdbcClient jdbc, TransactionTemplate tx, CodeSets codeSets, JdbcReferenceLists lists,
                      AuditTrail audit, Clock clock, CaseMixService caseMix) {
        this.caseMix = caseMix;
        this.jdbc = jdbc;
        this.tx = tx;
        this.codeSets = codeSets;
        this.lists = lists;
        this.audit = audit;
        this.clock = clock;
    }

    private record Queued(long patientId, Instant dischargeAt) {
    }

    @Override
    public Recorded recordFinal(List<PriorCoding> codings) {
        if (codings.isEmpty()) {
            return new Recorded(0, 0, 0, 0);
        }
        Recorded recorded = tx.execute(status -> record(codings));
        // Their DRGs at once, so that the case mix index counts them (inpatient stays; others are skipped).
        if (recorded.recorded() > 0 && caseMix != null) {
            caseMix.regroup(codings.stream().map(PriorCoding::encounterId).toList());
        }
        return recorded;
    }

    private Recorded record(List<PriorCoding> codings) {
        Long[] ids = codings.stream().map(PriorCoding::encounterId).toArray(Long[]::new);
        // Encounters discharged in the caller's own transaction (the demo hospital's load) reach the worklist
        // only after its commit, by the intake's event listener: queue them here first, as the intake would.
        jdbc.sql("""
                insert into coding_worklist (encounter_id, patient_id, encounter_class, discharge_at, queued_at)
                select d.encounter_id, d.patient_id, d.encounter_class, d.discharge_at, ?
                from %s d where d.encounter_id = any(?)
                on conflict (encounter_id) do nothing""".formatted(org.custodian.chart.ChartViews.DISCHARGED_ENCOUNTERS))
                .params(clock.instant().atOffset(java.time.ZoneOffset.UTC), ids).update();
        Map<Long, Queued> queued = new HashMap<>();
        jdbc.sql("select encounter_id, patient_id, discharge_at from coding_worklist where encounter_id = any(?)")
                .param(ids).query(rs -> {
                    queued.put(rs.getLong(1), new Queued(rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant()));
                });
        Set<Long> coded = new HashSet<>(jdbc.sql("select encounter_id from coding_abstract where kind = 'BILLING' and encounter_id = any(?)")
                .param(ids).query(Long.class).list());

        // The set each stay is judged by: its discharge's fiscal year, or the newest loaded before it.
        Map<Integer, Integer> cmYear = new HashMap<>();
        Map<Integer, Integer> pcsYear = new HashMap<>();
        List<String> checkSystem = new ArrayList<>();
        List<Integer> checkYear = new ArrayList<>();
        List<String> checkCode = new ArrayList<>();
        Set<String> allCodes = new HashSet<>();
        for (PriorCoding c : codings) {
            Queued q = queued.get(c.encounterId());
            if (q == null) {
                continue;
            }
            int fy = FiscalYear.of(LocalDate.ofInstant(q.dischargeAt(), clock.getZone()));
            for (PriorCode code : c.diagnoses()) {
                int year = cmYear.computeIfAbsent(fy, y -> codeSets.latestLoaded(CodeSystem.ICD10CM, y).orElse(y));
                add(checkSystem, checkYear, checkCode, CodeSystem.ICD10CM, year, code.code());
                allCodes.add(CodeSystem.normalize(code.code()));
            }
            for (PriorCode code : c.procedures()) {
                int year = pcsYear.computeIfAbsent(fy, y -> codeSets.latestLoaded(CodeSystem.ICD10PCS, y).orElse(y));
                add(checkSystem, checkYear, checkCode, CodeSystem.ICD10PCS, year, code.code());
            }
        }
        Set<String> billable = new HashSet<>(jdbc.sql("""
                select c.system || '|' || c.fiscal_year || '|' || c.code
                from unnest(?::text[], ?::int[], ?::text[]) as k(system, fiscal_year, code)
                join coding_code c on c.system = k.system and c.fiscal_year = k.fiscal_year and c.code = k.code
                where c.billable""")
                .params(checkSystem.toArray(String[]::new), checkYear.toArray(Integer[]::new), checkCode.toArray(String[]::new))
                .query(String.class).list());
        Set<String> poaExempt = new HashSet<>();
        lists.lookup(allCodes).forEach((code, rows) -> {
            if (rows.stream().anyMatch(r -> r.list().equals(ReferenceList.POA_EXEMPT))) {
                poaExempt.add(code);
            }
        });

        int invalid = 0;
        int notQueued = 0;
        int already = 0;
        List<PriorCoding> accepted = new ArrayList<>();
        for (PriorCoding c : codings) {
            Queued q = queued.get(c.encounterId());
            if (q == null) {
                notQueued++;
                continue;
            }
            if (coded.contains(c.encounterId())) {
                already++;
                continue;
            }
            int fy = FiscalYear.of(LocalDate.ofInstant(q.dischargeAt(), clock.getZone()));
            boolean ok = !c.diagnoses().isEmpty()
                    && c.diagnoses().stream().allMatch(d -> billable.contains("icd10cm|" + cmYear.get(fy) + "|" + CodeSystem.normalize(d.code())))
                    && c.procedures().stream().allMatch(p -> billable.contains("icd10pcs|" + pcsYear.get(fy) + "|" + CodeSystem.normalize(p.code())));
            if (!ok) {
                invalid++;
                continue;
            }
            accepted.add(c);
            coded.add(c.encounterId());
        }
        if (accepted.isEmpty()) {
            return new Recorded(0, invalid, notQueued, already);
        }

        int n = accepted.size();
        Long[] encounters = new Long[n];
        Long[] patients = new Long[n];
        String[] dispositions = new String[n];
        String[] coders = new String[n];
        String[] started = new String[n];
        String[] finalized = new String[n];
        for (int i = 0; i < n; i++) {
            PriorCoding c = accepted.get(i);
            encounters[i] = c.encounterId();
            patients[i] = queued.get(c.encounterId()).patientId();
            dispositions[i] = c.dischargeDisposition();
            coders[i] = c.coder();
            started[i] = c.startedAt().atOffset(ZoneOffset.UTC).toString();
            finalized[i] = c.finalizedAt().atOffset(ZoneOffset.UTC).toString();
        }
        Map<Long, Long> abstractIds = new HashMap<>();
        jdbc.sql("""
                insert into coding_abstract (encounter_id, patient_id, kind, status, discharge_disposition, coder,
                                             started_at, saved_at, finalized_at)
                select e, p, 'BILLING', 'FINAL', d, c, s::timestamptz, f::timestamptz, f::timestamptz
                from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[]) as t(e, p, d, c, s, f)
                on conflict (encounter_id, kind) do nothing
                returning id, encounter_id""")
                .params(encounters, patients, dispositions, coders, started, finalized)
                .query(rs -> {
                    abstractIds.put(rs.getLong(2), rs.getLong(1));
                });

        List<Long> abstractId = new ArrayList<>();
        List<String> system = new ArrayList<>();
        List<Integer> position = new ArrayList<>();
        List<String> code = new ArrayList<>();
        List<String> poa = new ArrayList<>();
        List<String> date = new ArrayList<>();
        List<AuditEntry> entries = new ArrayList<>();
        for (PriorCoding c : accepted) {
            Long id = abstractIds.get(c.encounterId());
            if (id == null) {
                continue;   // coded by someone else in the meantime
            }
            for (int i = 0; i < c.diagnoses().size(); i++) {
                PriorCode d = c.diagnoses().get(i);
                String normalized = CodeSystem.normalize(d.code());
                abstractId.add(id);
                system.add(CodeSystem.ICD10CM.id());
                position.add(i);
                code.add(normalized);
                poa.add(poaExempt.contains(normalized) ? null : d.poa());
                date.add(null);
            }
            for (int i = 0; i < c.procedures().size(); i++) {
                PriorCode p = c.procedures().get(i);
                abstractId.add(id);
                system.add(CodeSystem.ICD10PCS.id());
                position.add(i);
                code.add(CodeSystem.normalize(p.code()));
                poa.add(null);
                date.add(p.date() == null ? null : p.date().toString());
            }
            entries.add(audit.entry(AuditAction.CREATE, AuditOutcome.SUCCESS, queued.get(c.encounterId()).patientId(),
                    "CodedAbstract", c.encounterId(), null));
        }
        jdbc.sql("""
                insert into coding_abstract_code (abstract_id, system, position, code, poa, procedure_date)
                select a, s, p, c, o, d::date
                from unnest(?::bigint[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[]) as t(a, s, p, c, o, d)""")
                .params(abstractId.toArray(Long[]::new), system.toArray(String[]::new), position.toArray(Integer[]::new),
                        code.toArray(String[]::new), poa.toArray(String[]::new), date.toArray(String[]::new))
                .update();
        if (!entries.isEmpty()) {
            audit.recordAll(entries);
        }
        return new Recorded(abstractIds.size(), invalid, notQueued, already + (accepted.size() - abstractIds.size()));
    }

    private static void add(List<String> systems, List<Integer> years, List<String> codes, CodeSystem system, int year,
                            String code) {
        systems.add(system.id());
        years.add(year);
        codes.add(CodeSystem.normalize(code));
    }

    @Override
    public int recordAudits(List<PriorCoding> audits) {
        if (audits.isEmpty()) {
            return 0;
        }
        return tx.execute(status -> {
            int recorded = 0;
            List<AuditEntry> entries = new ArrayList<>();
            for (PriorCoding a : audits) {
                var billing = jdbc.sql("""
                        select b.patient_id, b.coder from coding_abstract b
                        where b.encounter_id = ? and b.kind = 'BILLING' and b.status = 'FINAL'
                          and not exists (select 1 from coding_audit_sample s where s.encounter_id = b.encounter_id)""")
                        .param(a.encounterId()).query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional();
                if (billing.isEmpty() || a.coder().equals(billing.get()[1]) || a.diagnoses().isEmpty()) {
                    continue;
                }
                long patientId = (Long) billing.get()[0];
                jdbc.sql("insert into coding_audit_sample (encounter_id, drawn_at, drawn_by) values (?, ?, ?)")
                        .params(a.encounterId(), a.startedAt().atOffset(ZoneOffset.UTC), a.coder()).update();
                long abstractId = jdbc.sql("""
                        insert into coding_abstract (encounter_id, patient_id, kind, status, discharge_disposition, coder,
                                                     started_at, saved_at, finalized_at)
                        values (?, ?, 'AUDIT', 'FINAL', ?, ?, ?, ?, ?) returning id""")
                        .params(a.encounterId(), patientId, a.dischargeDisposition(), a.coder(),
                                a.startedAt().atOffset(ZoneOffset.UTC), a.finalizedAt().atOffset(ZoneOffset.UTC),
                                a.finalizedAt().atOffset(ZoneOffset.UTC))
                        .query(Long.class).single();
                int position = 0;
                for (PriorCode d : a.diagnoses()) {
                    jdbc.sql("insert into coding_abstract_code (abstract_id, system, position, code, poa) values (?, 'icd10cm', ?, ?, ?)")
                            .params(abstractId, position++, CodeSystem.normalize(d.code()), d.poa()).update();
                }
                position = 0;
                for (PriorCode p : a.procedures()) {
                    jdbc.sql("""
                            insert into coding_abstract_code (abstract_id, system, position, code, procedure_date)
                            values (?, 'icd10pcs', ?, ?, ?)""")
                            .params(abstractId, position++, CodeSystem.normalize(p.code()), p.date()).update();
                }
                entries.add(audit.entry(AuditAction.CREATE, AuditOutcome.SUCCESS, patientId, "CodingAuditSample", a.encounterId(), null));
                recorded++;
            }
            if (!entries.isEmpty()) {
                audit.recordAll(entries);
            }
            return recorded;
        });
    }
}
