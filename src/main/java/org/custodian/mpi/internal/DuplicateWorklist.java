package org.custodian.mpi.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.custodian.Actor;
import org.custodian.Problem;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.patient.AdministrativeSex;
import org.custodian.mpi.MasterPatientIndex;
import org.custodian.patient.Patient;
import org.custodian.mpi.PatientMerge;
import org.custodian.patient.PatientNotFoundException;
import org.custodian.patient.PatientRegistry;
import org.custodian.mpi.PatientsMerged;
import org.custodian.mpi.PatientsUnmerged;
import org.custodian.patient.SsnColumn;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The duplicate worklist: candidate pairs found by the scan, by registrations confirmed despite
 * likely matches, and by merges the overlay guard refused; the analyst's decisions on them. A pair
 * is stored once (unique on the two ids), so a "not the same person" decision keeps it out of the
 * worklist for good.
 */
@Service
public class DuplicateWorklist {

    public enum Decision { SAME_PERSON, NOT_SAME, NEEDS_RESEARCH }

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final MatchEngine engine;
    private final IndexModel model;
    private final MasterPatientIndex mpi;
    private final PatientRegistry patients;
    private final MpiSettings settings;
    private final Clock clock;
    private final DuplicateRates rates;

    /** {@code mpi} is lazy: the index reports pairs here, and pairs are merged there. */
    private final SsnColumn ssns;

    private final org.springframework.beans.factory.ObjectProvider<org.custodian.mpi.PatientVisits> visits;

    DuplicateWorklist(JdbcClient jdbc, AuditTrail audit, MatchEngine engine, IndexModel model, @Lazy MasterPatientIndex mpi,
                      PatientRegistry patients, MpiSettings settings, Clock clock, SsnColumn ssns,
                      org.springframework.beans.factory.ObjectProvider<org.custodian.mpi.PatientVisits> visits) {
        this.visits = visits;
        this.ssns = ssns;
        this.jdbc = jdbc;
        this.audit = audit;
        this.engine = engine;
        this.model = model;
        this.mpi = mpi;
        this.patients = patients;
        this.settings = settings;
        this.clock = clock;
        this.rates = new DuplicateRates(jdbc, org.custodian.HospitalClock.of(clock));
    }

    // ------------------------------------------------------------ adding pairs

    /**
     * Puts a pair on the worklist with its current score, unless it is there already (whatever
     * its status: a rejected pair stays rejected). Returns the pair's id, new or existing.
     */
    public long propose(long patient1, long patient2, String source) {
        long a = Math.min(patient1, patient2);
        long b = Math.max(patient1, patient2);
        if (a == b) {
            throw new IllegalArgumentException("a pair needs two different patients");
        }
        Optional<Long> existing = pairId(a, b);
        if (existing.isPresent()) {
            return existing.get();
        }
        MpiRecord ra = record(a);
        MpiRecord rb = record(b);
        Linkage fitted = model.current();
        MatchEngine.ScoredComparison s = engine.score(fitted, ra, rb);
        String matchClass = s.decision() == MatchDecision.LINK ? "LINK" : "REVIEW";
        String risks = String.join(",", OverlayGuard.risks(ra, rb).stream().map(Enum::name).toList());
        String status = source.equals("MERGE_REFUSED") ? "NEEDS_RESEARCH" : "OPEN";
        jdbc.sql("""
                insert into mpi_pair (patient_a, patient_b, weight, match_class, overlay_risks, source, status, found_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (patient_a, patient_b) do nothing""")
                .params(a, b, s.weight(), matchClass, risks, source, status, now()).update();
        long id = pairId(a, b).orElseThrow();
        audit.recordAll(List.of(
                audit.entry(AuditAction.CREATE, AuditOutcome.SUCCESS, a, "DuplicatePair", id, "found by " + source),
                audit.entry(AuditAction.CREATE, AuditOutcome.SUCCESS, b, "DuplicatePair", id, "found by " + source)));
        return id;
    }

    /** A merge the overlay guard refused goes to a person: the ADT feed cannot research it. */
    @EventListener
    void mergeRefused(PatientMerges.MergeRefused refused) {
        long id = propose(refused.survivingPatientId(), refused.retiredPatientId(), "MERGE_REFUSED");
        jdbc.sql("update mpi_pair set status = 'NEEDS_RESEARCH' where id = ? and status = 'OPEN'").param(id).update();
    }

    /** A merge of the two records of a pending pair, made outside the worklist (ADT A40, API), closes the pair. */
    @EventListener
    void merged(PatientsMerged merge) {
        long a = Math.min(merge.survivingPatientId(), merge.retiredPatientId());
        long b = Math.max(merge.survivingPatientId(), merge.retiredPatientId());
        List<Long> ids = jdbc.sql("update mpi_pair set status = 'SAME_PERSON', decided_by = ?, decided_at = ?,"
                        + " decision_reason = 'merged', merge_id = ? where patient_a = ? and patient_b = ?"
                        + " and status in ('OPEN', 'NEEDS_RESEARCH') returning id")
                .params(Actor.current(), now(), merge.mergeId(), a, b).query(Long.class).list();
        for (long id : ids) {
            jdbc.sql("insert into mpi_decision (pair_id, decision, reason, decided_by, decided_at, merge_id) values (?, 'SAME_PERSON', 'merged', ?, ?, ?)")
                    .params(id, Actor.current(), now(), merge.mergeId()).update();
        }
    }

    /** An undone merge says the two were not the same person: the pair must not come back. */
    @EventListener
    void unmerged(PatientsUnmerged unmerge) {
        List<Long> ids = jdbc.sql("update mpi_pair set status = 'NOT_SAME', decided_by = ?, decided_at = ?,"
                        + " decision_reason = 'merge undone' where merge_id = ? returning id")
                .params(Actor.current(), now(), unmerge.mergeId()).query(Long.class).list();
        for (long id : ids) {
            jdbc.sql("insert into mpi_decision (pair_id, decision, reason, decided_by, decided_at, merge_id) values (?, 'UNMERGED', 'merge undone', ?, ?, ?)")
                    .params(id, Actor.current(), now(), unmerge.mergeId()).update();
        }
    }

    // ------------------------------------------------------------ reading

    private static final String PAIR_SELECT = """
            select w.id, w.weight, w.match_class, w.overlay_risks, w.source, w.status, w.found_at, w.decided_by,
                   w.decided_at, w.decision_reason, w.merge_id,
                   a.id, a.mrn, a.family_name, a.given_name, a.birth_date, a.sex, a.merged_into is not null,
                   b.id, b.mrn, b.family_name, b.given_name, b.birth_date, b.sex, b.merged_into is not null
            from mpi_pair w join patient a on a.id = w.patient_a join patient b on b.id = w.patient_b""";

    private static DuplicatePair pair(ResultSet rs) throws SQLException {
        String risks = rs.getString(4);
        OffsetDateTime decided = rs.getObject(9, OffsetDateTime.class);
        long merge = rs.getLong(11);
        return new DuplicatePair(rs.getLong(1), side(rs, 12), side(rs, 19), rs.getDouble(2), rs.getString(3),
                risks.isEmpty() ? List.of() : Arrays.asList(risks.split(",")), rs.getString(5), rs.getString(6),
                rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8),
                decided == null ? null : decided.toInstant(), rs.getString(10), rs.wasNull() ? null : merge);
    }

    private static DuplicatePair.Side side(ResultSet rs, int c) throws SQLException {
        return new DuplicatePair.Side(rs.getLong(c), rs.getString(c + 1), rs.getString(c + 2), rs.getString(c + 3),
                rs.getObject(c + 4, LocalDate.class), AdministrativeSex.valueOf(rs.getString(c + 5)), rs.getBoolean(c + 6));
    }

    /** Pending pairs (open and needing research), strongest first; or all pairs when {@code pendingOnly} is false. */
    public List<DuplicatePair> list(boolean pendingOnly, int page, int size) {
        return list(pendingOnly, null, page, size);
    }

    /**
     * As {@link #list(boolean, int, int)}, narrowed to pairs where either registration has the MRN
     * {@code find} or a family name starting with it (null: all): an analyst researching one
     * patient, or a worklist grown past a page.
     */
    public List<DuplicatePair> list(boolean pendingOnly, String find, int page, int size) {
        Narrowing n = narrowing(pendingOnly, find);
        List<Object> params = new ArrayList<>(n.params());
        params.add(size);
        params.add((long) page * size);
        List<DuplicatePair> pairs = jdbc.sql(PAIR_SELECT
                        + n.where()
                        + " order by case w.status when 'OPEN' then 0 when 'NEEDS_RESEARCH' then 1 else 2 end,"
                        + " w.weight desc, w.id desc limit ? offset ?")
                .params(params).query((rs, i) -> pair(rs)).list();
        List<AuditEntry> entries = new ArrayList<>();
        entries.add(audit.entry(AuditAction.SEARCH, AuditOutcome.SUCCESS, null, "DuplicatePair", null,
                (pendingOnly ? "pending" : "all") + (find == null ? "" : " matching a name or MRN")
                        + " pairs page " + page + " -> " + pairs.size()));
        for (DuplicatePair p : pairs) {
            entries.add(audit.entry(AuditAction.READ, AuditOutcome.SUCCESS, p.a().patientId(), "DuplicatePair", p.id(), null));
            entries.add(audit.entry(AuditAction.READ, AuditOutcome.SUCCESS, p.b().patientId(), "DuplicatePair", p.id(), null));
        }
        audit.recordAll(entries);
        return pairs;
    }

    /** How many pairs {@link #list(boolean, String, int, int)} pages through: the worklist's total. */
    public long count(boolean pendingOnly, String find) {
        Narrowing n = narrowing(pendingOnly, find);
        return jdbc.sql("select count(*) from mpi_pair w join patient a on a.id = w.patient_a join patient b on b.id = w.patient_b"
                + n.where()).params(n.params()).query(Long.class).single();
    }

    private record Narrowing(String where, List<Object> params) {
    }

    private static Narrowing narrowing(boolean pendingOnly, String find) {
        List<String> where = new ArrayList<>();
        if (pendingOnly) {
            // A pair whose record was merged into a third is moot until that merge is undone.
            where.add("w.status in ('OPEN', 'NEEDS_RESEARCH') and a.merged_into is null and b.merged_into is null");
        }
        List<Object> params = new ArrayList<>();
        if (find != null) {
            where.add("(a.mrn = ? or b.mrn = ? or lower(a.family_name) like ? or lower(b.family_name) like ?)");
            String prefix = find.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.addAll(List.of(find, find, prefix, prefix));
        }
        return new Narrowing(where.isEmpty() ? "" : " where " + String.join(" and ", where), params);
    }

    public long countPending() {
        return jdbc.sql("""
                select count(*) from mpi_pair w join patient a on a.id = w.patient_a join patient b on b.id = w.patient_b
                where w.status in ('OPEN', 'NEEDS_RESEARCH') and a.merged_into is null and b.merged_into is null""")
                .query(Long.class).single();
    }

    public Optional<DuplicatePair> find(long pairId) {
        Optional<DuplicatePair> pair = jdbc.sql(PAIR_SELECT + " where w.id = ?").param(pairId).query((rs, i) -> pair(rs)).optional();
        pair.ifPresent(p -> audit.recordAll(List.of(
                audit.entry(AuditAction.READ, AuditOutcome.SUCCESS, p.a().patientId(), "DuplicatePair", p.id(), null),
                audit.entry(AuditAction.READ, AuditOutcome.SUCCESS, p.b().patientId(), "DuplicatePair", p.id(), null))));
        return pair;
    }

    /** The pair side by side with the score explained field by field (both records' reads are audited). */
    /** Encounters shown per registration on the pair view, newest first. */
    static final int VISITS_SHOWN = 20;

    public PairReview review(long pairId) {
        DuplicatePair pair = find(pairId).orElseThrow(() -> notFound(pairId));
        Patient a = patients.find(pair.a().patientId()).orElseThrow(() -> new PatientNotFoundException(pair.a().patientId()));
        Patient b = patients.find(pair.b().patientId()).orElseThrow(() -> new PatientNotFoundException(pair.b().patientId()));
        MpiRecord ra = record(a.id());
        MpiRecord rb = record(b.id());
        Linkage fitted = model.current();
        MatchEngine.ScoredComparison s = engine.score(fitted, ra, rb);
        org.custodian.mpi.PatientVisits chart = visits.getIfAvailable();
        List<org.custodian.mpi.PatientVisits.Visit> visitsA = chart == null ? List.of() : chart.latest(a.id(), VISITS_SHOWN);
        List<org.custodian.mpi.PatientVisits.Visit> visitsB = chart == null ? List.of() : chart.latest(b.id(), VISITS_SHOWN);
        audit.recordAll(List.of(
                audit.entry(AuditAction.READ, AuditOutcome.SUCCESS, a.id(), "Encounter", null, "pair " + pairId + ": " + visitsA.size() + " encounters shown"),
                audit.entry(AuditAction.READ, AuditOutcome.SUCCESS, b.id(), "Encounter", null, "pair " + pairId + ": " + visitsB.size() + " encounters shown")));
        return new PairReview(pair, a, b, visitsA, visitsB, Math.round(s.weight() * 100) / 100.0, s.decision().name(),
                LikelyMatches.evidence(s.explanation()),
                OverlayGuard.risks(ra, rb).stream().map(Enum::name).toList(),
                settings.linkThreshold(fitted.indexSize()), settings.reviewThreshold(fitted.indexSize()));
    }

    // ------------------------------------------------------------ deciding

    /** Records "not the same person" or "needs research" with who and why. */
    public DuplicatePair decide(long pairId, Decision decision, String reason) {
        if (decision == Decision.SAME_PERSON) {
            throw new IllegalArgumentException("decision: SAME_PERSON is a merge; use the merge of the pair");
        }
        requireReason(reason);
        DuplicatePair pair = pending(pairId);
        record(pair, decision.name(), reason, null);
        return find(pairId).orElseThrow();
    }

    /** Same person: merges the other record into {@code survivingPatientId} and closes the pair. */
    public DuplicatePair merge(long pairId, long survivingPatientId, String reason, String overrideReason) {
        requireReason(reason);
        DuplicatePair pair = pending(pairId);
        long retired;
        if (survivingPatientId == pair.a().patientId()) {
            retired = pair.b().patientId();
        } else if (survivingPatientId == pair.b().patientId()) {
            retired = pair.a().patientId();
        } else {
            throw new IllegalArgumentException("survivingPatientId: must be one of the pair's two patients");
        }
        PatientMerge merge = mpi.merge(survivingPatientId, retired, reason, overrideReason);
        // The merge's event has closed the pair (merged()); the analyst's reason replaces the generic one.
        jdbc.sql("update mpi_pair set decision_reason = ? where id = ?").params(reason.trim(), pairId).update();
        jdbc.sql("update mpi_decision set reason = ? where pair_id = ? and merge_id = ?").params(reason.trim(), pairId, merge.id()).update();
        return find(pairId).orElseThrow();
    }

    private void record(DuplicatePair pair, String decision, String reason, Long mergeId) {
        String who = Actor.current();
        OffsetDateTime at = now();
        jdbc.sql("update mpi_pair set status = ?, decided_by = ?, decided_at = ?, decision_reason = ?, merge_id = ? where id = ?")
                .params(decision, who, at, reason.trim(), mergeId, pair.id()).update();
        jdbc.sql("insert into mpi_decision (pair_id, decision, reason, decided_by, decided_at, merge_id) values (?, ?, ?, ?, ?, ?)")
                .params(pair.id(), decision, reason.trim(), who, at, mergeId).update();
        String detail = "decision " + decision + (mergeId == null ? "" : " (merge " + mergeId + ")");
        audit.recordAll(List.of(
                audit.entry(AuditAction.UPDATE, AuditOutcome.SUCCESS, pair.a().patientId(), "DuplicatePair", pair.id(), detail),
                audit.entry(AuditAction.UPDATE, AuditOutcome.SUCCESS, pair.b().patientId(), "DuplicatePair", pair.id(), detail)));
    }

    private DuplicatePair pending(long pairId) {
        DuplicatePair pair = find(pairId).orElseThrow(() -> notFound(pairId));
        if (!pair.pending()) {
            throw Problem.conflict("pair-already-decided", "Pair already decided",
                    "Pair " + pairId + " was decided " + pair.status() + "; a decided pair is not reopened.");
        }
        return pair;
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: say why (it is kept with the decision)");
        }
        if (reason.length() > 1000) {
            throw new IllegalArgumentException("reason: at most 1000 characters");
        }
    }

    static Problem notFound(long pairId) {
        return Problem.notFound("duplicate-pair-not-found", "Pair not found", "No duplicate pair has id " + pairId + ".");
    }

    // ------------------------------------------------------------ KPIs

    public MpiKpis kpis() {
        long all = jdbc.sql("select count(*) from patient").query(Long.class).single();
        long merged = jdbc.sql("select count(*) from patient where merged_into is not null").query(Long.class).single();
        // A pending pair suspects its newer registration of being the duplicate.
        long suspected = jdbc.sql("""
                select count(distinct w.patient_b) from mpi_pair w join patient b on b.id = w.patient_b
                where w.status in ('OPEN', 'NEEDS_RESEARCH') and b.merged_into is null""").query(Long.class).single();
        List<long[]> byStatus = jdbc.sql("""
                select count(*) filter (where status = 'OPEN'), count(*) filter (where status = 'NEEDS_RESEARCH'),
                       count(*) filter (where status = 'NOT_SAME'), count(*) filter (where status = 'SAME_PERSON')
                from mpi_pair""").query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).list();
        List<MpiKpis.AnalystDecisions> analysts = jdbc.sql("""
                select decided_by, count(*) filter (where decision = 'SAME_PERSON'), count(*) filter (where decision = 'NOT_SAME'),
                       count(*) filter (where decision = 'NEEDS_RESEARCH'), count(*) filter (where decision = 'UNMERGED'), count(*)
                from mpi_decision group by decided_by order by count(*) desc, decided_by""")
                .query((rs, i) -> new MpiKpis.AnalystDecisions(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6))).list();
        long[] s = byStatus.get(0);
        double rate = all == 0 ? 0 : (double) (merged + suspected) / all;
        long overlays = jdbc.sql("select count(*) from patient_merge where unmerged_at is not null").query(Long.class).single();
        long overlaps = jdbc.sql("""
                select count(*) from mpi_pair w join patient a on a.id = w.patient_a join patient b on b.id = w.patient_b
                where w.status in ('OPEN', 'NEEDS_RESEARCH', 'SAME_PERSON') and a.facility <> b.facility""").query(Long.class).single();
        Double medianDays = jdbc.sql("""
                select percentile_cont(0.5) within group (order by extract(epoch from decided_at - found_at) / 86400)
                from mpi_pair where decided_at is not null and status in ('SAME_PERSON', 'NOT_SAME')""")
                .query((rs, i) -> (Double) rs.getObject(1)).optional().orElse(null);
        DuplicateRates.Both trend = rates.both();
        return new MpiKpis(all, all - merged, merged, suspected, Math.round(rate * 1e6) / 1e6, s[0], s[1], s[2], s[3], analysts,
                overlays, overlaps, medianDays == null ? null : Math.round(medianDays * 10) / 10.0, trend.byMonth(), trend.bySource());
    }

    // ------------------------------------------------------------ helpers

    private Optional<Long> pairId(long a, long b) {
        return jdbc.sql("select id from mpi_pair where patient_a = ? and patient_b = ?").params(a, b).query(Long.class).optional();
    }

    private MpiRecord record(long patientId) {
        return jdbc.sql("select " + IndexRows.COLUMNS + " from patient where id = ?").param(patientId)
                .query((rs, i) -> IndexRows.record(rs, ssns)).optional().orElseThrow(() -> new PatientNotFoundException(patientId));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

}
