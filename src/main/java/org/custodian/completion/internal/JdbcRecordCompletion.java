package org.custodian.completion.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custodian.HospitalClock;
import org.custodian.Problem;
import org.custodian.RecordLabels;
import org.custodian.Rows;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.completion.AnalysisRow;
import org.custodian.completion.CompletionPolicy;
import org.custodian.completion.Deficiency;
import org.custodian.completion.DeficiencyRule;
import org.custodian.completion.DeficiencyState;
import org.custodian.completion.Delinquency;
import org.custodian.completion.DelinquencyFormula;
import org.custodian.completion.DirectorFigures;
import org.custodian.completion.EscalationLetter;
import org.custodian.completion.EscalationStep;
import org.custodian.completion.InboxItem;
import org.custodian.completion.InboxSource;
import org.custodian.completion.NewManualDeficiency;
import org.custodian.completion.OpenDeficiencies;
import org.custodian.completion.RecordCompletion;
import org.custodian.completion.RuleChange;
import org.custodian.completion.Suspension;
import org.custodian.staff.Practitioner;
import org.custodian.staff.ProviderDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcRecordCompletion implements RecordCompletion {

    /** The retired Joint Commission standard, named wherever its 50% survives. */
    static final String RETIRED_NOTE = "The Joint Commission's delinquency standard (50% of average monthly discharges) "
            + "was retired in 2016; the alert level survives in medical staff bylaws and is configurable here.";

    private static final String DEFICIENCY_SELECT = """
            select d.id, d.patient_id, d.encounter_id, e.encounter_number, e.service, e.discharge_at, d.practitioner_id,
                   d.rule_code, r.title, r.citation, d.automatic, d.document_id, d.missing_type, d.description,
                   d.opened_at, d.due_at, d.state, d.closed_at, d.closed_reason
            from deficiency d
            join deficiency_rule r on r.code = d.rule_code and r.version = d.rule_version
            left join chart_completion_encounter e on e.encounter_id = d.encounter_id""";

    private final JdbcClient jdbc;
    private final HospitalClock clock;
    private final AuditTrail audit;
    private final ProviderDirectory directory;
    private final RecordLabels labels;
    private final DeficiencyAnalysis analysis;
    private final Escalations escalations;
    private final List<InboxSource> sources;
    private final JdbcCompletionFigures completionFigures;

    JdbcRecordCompletion(JdbcClient jdbc, java.time.Clock clock, AuditTrail audit, ProviderDirectory directory,
                         RecordLabels labels, DeficiencyAnalysis analysis, Escalations escalations, List<InboxSource> sources,
                         JdbcCompletionFigures completionFigures) {
        this.jdbc = jdbc;
        this.clock = HospitalClock.of(clock);
        this.audit = audit;
        this.directory = directory;
        this.labels = labels;
        this.analysis = analysis;
        this.escalations = escalations;
        this.sources = sources;
        this.completionFigures = completionFigures;
    }

    private record Row(long id, long patientId, long encounterId, String encounterNumber, String service, Instant dischargeAt,
                       Long practitionerId, String rule, String ruleTitle, String citation, boolean automatic, Long documentId,
                       String missingType, String description, Instant openedAt, Instant due, DeficiencyState state,
                       Instant closedAt, String closedReason) {
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("patient_id"), rs.getLong("encounter_id"), rs.getString("encounter_number"),
                rs.getString("service"), Rows.instant(rs, "discharge_at"), Rows.longOrNull(rs, "practitioner_id"),
                rs.getString("rule_code"), rs.getString("title"), rs.getString("citation"), rs.getBoolean("automatic"),
                Rows.longOrNull(rs, "document_id"), rs.getString("missing_type"), rs.getString("description"),
                Rows.instant(rs, "opened_at"), Rows.instant(rs, "due_at"), DeficiencyState.valueOf(rs.getString("state")),
                Rows.instant(rs, "closed_at"), rs.getString("closed_reason"));
    }

    /** Rows as deficiencies, with patient name and MRN (one audited lookup for the list) and practitioner names. */
    private List<Deficiency> named(List<Row> rows, String purpose) {
        Map<Long, RecordLabels.PatientLabel> patients = labels.patients(rows.stream().map(Row::patientId).distinct().toList(), purpose);
        Map<Long, Practitioner> practitioners = directory.byIds(rows.stream().map(Row::practitionerId)
                .filter(java.util.Objects::nonNull).distinct().toList());
        List<Deficiency> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            RecordLabels.PatientLabel p = patients.get(r.patientId());
            Practitioner who = r.practitionerId() == null ? null : practitioners.get(r.practitionerId());
            out.add(new Deficiency(r.id(), r.patientId(), p == null ? null : p.mrn(), p == null ? null : p.name(), r.encounterId(),
                    r.encounterNumber(), r.service(), r.practitionerId(), who == null ? null : who.display(), r.rule(),
                    r.ruleTitle(), r.citation(), r.automatic(), r.documentId(), r.missingType(), r.description(), r.openedAt(),
                    r.due(), r.state(), r.closedAt(), r.closedReason(), r.dischargeAt()));
        }
        return out;
    }

    @Override
    public List<Deficiency> deficiencies(DeficiencyState state, Long practitionerId, Long patientId) {
        List<Row> rows = jdbc.sql(DEFICIENCY_SELECT + """
                         where (cast(:state as text) is null or d.state = :state)
                          and (cast(:practitioner as bigint) is null or d.practitioner_id = :practitioner)
                          and (cast(:patient as bigint) is null or d.patient_id = :patient)
                        order by d.due_at, d.id limit 2000""")
                .param("state", state == null ? null : state.name()).param("practitioner", practitionerId)
                .param("patient", patientId).query(JdbcRecordCompletion::row).list();
        return named(rows, "the record-completion deficiency list");
    }

    @Override
    public OpenDeficiencies open(java.util.Collection<Long> patientIds, Long practitionerId, int limit) {
        if (limit < 1 || limit > 2000) {
            throw new IllegalArgumentException("limit: between 1 and 2000, not " + limit);
        }
        Long[] patients = patientIds == null ? null : patientIds.toArray(Long[]::new);
        String where = """
                 where d.state = 'OPEN'
                  and (cast(:patients as bigint[]) is null or d.patient_id = any(cast(:patients as bigint[])))
                  and (cast(:practitioner as bigint) is null or d.practitioner_id = :practitioner)""";
        long total = jdbc.sql("select count(*) from deficiency d\n" + where)
                .param("patients", patients).param("practitioner", practitionerId).query(Long.class).single();
        List<Row> rows = jdbc.sql(DEFICIENCY_SELECT + "\n" + where + " order by d.due_at, d.id limit :limit")
                .param("patients", patients).param("practitioner", practitionerId).param("limit", limit)
                .query(JdbcRecordCompletion::row).list();
        return new OpenDeficiencies(named(rows, "the record-completion deficiency list"), total);
    }

    @Override
    public Deficiency deficiency(long id) {
        Row r = jdbc.sql(DEFICIENCY_SELECT + " where d.id = ?").param(id).query(JdbcRecordCompletion::row).optional()
                .orElseThrow(() -> Problem.notFound("deficiency-not-found", "Deficiency not found", "No deficiency has id " + id + "."));
        audit.patient(AuditAction.READ, r.patientId(), "Deficiency", id);
        return named(List.of(r), "a deficiency").get(0);
    }

    @Override
    public long awaitingAnalysis(String service) {
        return jdbc.sql("""
                select count(*) from chart_completion_encounter e
                where e.status = 'FINISHED' and e.discharge_at is not null
                  and not exists (select 1 from completion_analysis a where a.encounter_id = e.encounter_id)
                  and (cast(:service as text) is null or e.service = :service)""")
                .param("service", service == null || service.isBlank() ? null : service).query(Long.class).single();
    }

    @Override
    public List<AnalysisRow> worklist(String service) {
        record W(long encounterId, String number, long patientId, String service, Instant dischargeAt, long open, Instant analysedAt) {
        }
        List<W> rows = jdbc.sql("""
                select e.encounter_id, e.encounter_number, e.patient_id, e.service, e.discharge_at,
                       (select count(*) from deficiency d where d.encounter_id = e.encounter_id and d.state = 'OPEN') open,
                       a.analysed_at
                from chart_completion_encounter e left join completion_analysis a on a.encounter_id = e.encounter_id
                where e.status = 'FINISHED' and e.discharge_at is not null and a.encounter_id is null
                  and (cast(:service as text) is null or e.service = :service)
                order by e.discharge_at, e.encounter_id limit 500""")
                .param("service", service == null || service.isBlank() ? null : service)
                .query((rs, i) -> new W(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), Rows.instant(rs, 5),
                        rs.getLong(6), Rows.instant(rs, 7))).list();
        Map<Long, RecordLabels.PatientLabel> patients = labels.patients(rows.stream().map(W::patientId).distinct().toList(),
                "the record-completion analysis worklist");
        Map<Long, String> attending = attendings(rows.stream().map(W::encounterId).toList());
        return rows.stream().map(w -> {
            RecordLabels.PatientLabel p = patients.get(w.patientId());
            return new AnalysisRow(w.encounterId(), w.number(), w.patientId(), p == null ? null : p.mrn(), p == null ? null : p.name(),
                    w.service(), w.dischargeAt(), attending.get(w.encounterId()), w.open(), w.analysedAt());
        }).toList();
    }

    private Map<Long, String> attendings(List<Long> encounterIds) {
        Map<Long, Long> ids = new HashMap<>();
        if (encounterIds.isEmpty()) {
            return Map.of();
        }
        jdbc.sql("select encounter_id, practitioner_id from chart_completion_participant where role = 'ATTENDING' and encounter_id = any(?)")
                .param(encounterIds.toArray(Long[]::new)).query((rs, i) -> ids.put(rs.getLong(1), rs.getLong(2))).list();
        Map<Long, Practitioner> who = directory.byIds(ids.values());
        Map<Long, String> out = new HashMap<>();
        ids.forEach((e, p) -> out.put(e, who.containsKey(p) ? who.get(p).display() : null));
        return out;
    }

    @Override
    public AnalysisRow analyse(long encounterId) {
        Long patientId = jdbc.sql("select patient_id from chart_completion_encounter where encounter_id = ?").param(encounterId)
                .query(Long.class).optional()
                .orElseThrow(() -> Problem.notFound("encounter-not-found", "Encounter not found", "No encounter has id " + encounterId + "."));
        analysis.analyse(List.of(encounterId));
        jdbc.sql("""
                insert into completion_analysis (encounter_id, patient_id, analysed_at, analysed_by) values (?, ?, ?, ?)
                on conflict (encounter_id) do update set analysed_at = excluded.analysed_at, analysed_by = excluded.analysed_by""")
                .params(encounterId, patientId, Rows.utc(clock.instant()), username()).update();
        audit.patient(AuditAction.UPDATE, patientId, "CompletionAnalysis", encounterId);
        long open = jdbc.sql("select count(*) from deficiency where encounter_id = ? and state = 'OPEN'").param(encounterId)
                .query(Long.class).single();
        var p = labels.patients(List.of(patientId), "record-completion analysis").get(patientId);
        return new AnalysisRow(encounterId, null, patientId, p == null ? null : p.mrn(), p == null ? null : p.name(), null, null,
                attendings(List.of(encounterId)).get(encounterId), open, clock.instant());
    }

    @Override
    @Transactional
    public Deficiency addManual(NewManualDeficiency m) {
        DeficiencyReferences.Checked checked = new DeficiencyReferences(jdbc, directory, List.of(m.encounterId()))
                .check("", m.rule(), m.encounterId(), m.documentId(), m.practitionerId());
        DeficiencyReferences.Rule rule = checked.rule();
        long patientId = checked.patientId();
        if (rule.automatic()) {
            throw new IllegalArgumentException("rule: " + m.rule() + " is found by automatic analysis, not entered by hand");
        }
        Instant now = clock.instant();
        long id = jdbc.sql("""
                insert into deficiency (patient_id, encounter_id, practitioner_id, rule_code, rule_version, automatic, document_id,
                                        description, opened_at, due_at, state, created_by)
                values (?, ?, ?, ?, ?, false, ?, ?, ?, ?, 'OPEN', ?) returning id""")
                .params(patientId, m.encounterId(), m.practitionerId(), m.rule(), rule.version(), m.documentId(), m.description(),
                        Rows.utc(now), Rows.utc(now.plusSeconds(3600L * rule.dueHours())), username())
                .query(Long.class).single();
        audit.patient(AuditAction.CREATE, patientId, "Deficiency", id);
        return deficiency(id);
    }

    @Override
    @Transactional
    public Deficiency close(long id, String reason) {
        Deficiency d = deficiency(id);
        if (d.automatic()) {
            throw Problem.conflict("deficiency-closes-itself", "Closes by itself",
                    "Deficiency " + id + " is found by automatic analysis; it closes when its rule is met.");
        }
        if (d.state() == DeficiencyState.OPEN) {
            jdbc.sql("update deficiency set state = 'CLOSED', closed_at = ?, closed_by = ?, closed_reason = ? where id = ?")
                    .params(Rows.utc(clock.instant()), username(), reason == null || reason.isBlank() ? "completed" : reason, id).update();
            audit.patient(AuditAction.UPDATE, d.patientId(), "Deficiency", id);
            if (d.practitionerId() != null) {
                escalations.settle(List.of(d.practitionerId()));
            }
        }
        return deficiency(id);
    }

    @Override
    public List<InboxItem> inbox() {
        Practitioner me = directory.byUsername(username()).orElse(null);
        if (me == null) {
            return List.of();
        }
        List<InboxItem> items = new ArrayList<>();
        for (InboxSource source : sources) {
            items.addAll(source.itemsFor(me.id()));
        }
        items.sort(Comparator.comparing(InboxItem::since).thenComparing(InboxItem::id));
        return items;
    }

    @Override
    public Delinquency delinquency(LocalDate from, LocalDate to, DelinquencyFormula formula) {
        return completionFigures.delinquency(from, to, formula);
    }

    @Override
    public DirectorFigures figures(DelinquencyFormula formula) {
        CompletionPolicy p = escalations.policy();
        LocalDate today = clock.today();
        String zone = clock.getZone().getId();
        record Open(long encounterId, Long practitionerId, String service, Instant dischargeAt) {
        }
        List<Open> open = jdbc.sql("""
                select d.encounter_id, d.practitioner_id, e.service, case when e.status = 'FINISHED' then e.discharge_at end
                from deficiency d join chart_completion_encounter e on e.encounter_id = d.encounter_id where d.state = 'OPEN'""")
                .query((rs, i) -> new Open(rs.getLong(1), Rows.longOrNull(rs, "practitioner_id"), rs.getString(3), Rows.instant(rs, 4)))
                .list();
        Map<Long, Practitioner> who = directory.byIds(open.stream().map(Open::practitionerId).filter(java.util.Objects::nonNull).toList());
        Map<String, Set<Long>[]> byPractitioner = new java.util.TreeMap<>();
        Map<String, Set<Long>[]> byService = new java.util.TreeMap<>();
        Set<Long> incomplete = new java.util.HashSet<>();
        Set<Long> delinquent = new java.util.HashSet<>();
        long[] aging = new long[5];
        for (Open o : open) {
            boolean late = CompletionClock.delinquent(o.dischargeAt(), clock.getZone(), p.delinquentDays(), today);
            incomplete.add(o.encounterId());
            if (late) {
                delinquent.add(o.encounterId());
            }
            String name = o.practitionerId() == null ? "(unassigned)"
                    : who.containsKey(o.practitionerId()) ? who.get(o.practitionerId()).display() : "Practitioner " + o.practitionerId();
            count(byPractitioner, name, o.encounterId(), late);
            count(byService, o.service() == null ? "(no service)" : o.service(), o.encounterId(), late);
            if (o.dischargeAt() != null) {
                long days = CompletionClock.daysSinceDischarge(o.dischargeAt(), clock.getZone(), today);
                aging[days <= 7 ? 0 : days <= 14 ? 1 : days <= 30 ? 2 : days <= 60 ? 3 : 4]++;
            }
        }
        String[] buckets = {"0–7 days", "8–14 days", "15–30 days", "31–60 days", "over 60 days"};
        List<DirectorFigures.Count> agingRows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            agingRows.add(new DirectorFigures.Count(buckets[i], aging[i], 0));
        }
        Double median = jdbc.sql("""
                select percentile_cont(0.5) within group (order by extract(epoch from (closed_at - opened_at)) / 86400.0)
                from deficiency where state = 'CLOSED'""").query(Double.class).optional().orElse(null);
        List<Delinquency> months = new ArrayList<>();
        LocalDate month = today.withDayOfMonth(1);
        for (int i = 5; i >= 0; i--) {
            LocalDate m = month.minusMonths(i);
            LocalDate end = m.plusMonths(1).minusDays(1);
            months.add(delinquency(m, end.isAfter(today) ? today : end, formula));
        }
        audit.record(AuditAction.READ, AuditOutcome.SUCCESS, null, "CompletionFigures", null, "director's figures (counts only)");
        return new DirectorFigures(open.size(), incomplete.size(), delinquent.size(), rows(byPractitioner), rows(byService), agingRows,
                median == null ? null : Math.round(median * 10) / 10.0, months, delinquency(null, null, formula));
    }

    @SuppressWarnings("unchecked")
    private static void count(Map<String, Set<Long>[]> map, String key, long encounterId, boolean late) {
        Set<Long>[] sets = map.computeIfAbsent(key, k -> new Set[] {new java.util.HashSet<Long>(), new java.util.HashSet<Long>()});
        sets[0].add(encounterId);
        if (late) {
            sets[1].add(encounterId);
        }
    }

    private static List<DirectorFigures.Count> rows(Map<String, Set<Long>[]> map) {
        return map.entrySet().stream().map(e -> new DirectorFigures.Count(e.getKey(), e.getValue()[0].size(), e.getValue()[1].size()))
                .sorted(Comparator.comparingLong(DirectorFigures.Count::incomplete).reversed()).toList();
    }

    @Override
    public List<DeficiencyRule> rules() {
        return jdbc.sql("""
                select distinct on (code) code, version, title, citation, anchor, due_hours, automatic, active, note, edited_by, edited_at
                from deficiency_rule order by code, version desc""")
                .query((rs, i) -> new DeficiencyRule(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getBoolean(7), rs.getBoolean(8), rs.getString(9), rs.getString(10), Rows.instant(rs, 11)))
                .list().stream().sorted(Comparator.comparing(DeficiencyRule::automatic).reversed().thenComparing(DeficiencyRule::code))
                .toList();
    }

    @Override
    @Transactional
    public DeficiencyRule changeRule(String code, RuleChange change) {
        DeficiencyRule current = rules().stream().filter(r -> r.code().equals(code)).findFirst()
                .orElseThrow(() -> Problem.notFound("deficiency-rule-not-found", "Rule not found", "No deficiency rule " + code + "."));
        jdbc.sql("""
                insert into deficiency_rule (code, version, title, citation, anchor, due_hours, automatic, active, note, edited_by, edited_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(code, current.version() + 1, current.title(), current.citation(), current.anchor(), change.dueHours(),
                        current.automatic(), change.active(), change.note() == null ? current.note() : change.note(), username(),
                        Rows.utc(clock.instant())).update();
        audit.record(AuditAction.ADMIN, AuditOutcome.SUCCESS, null, "DeficiencyRule", code,
                "version " + (current.version() + 1) + ": " + change.dueHours() + " h, " + (change.active() ? "active" : "inactive"));
        return rules().stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }

    @Override
    public CompletionPolicy policy() {
        return escalations.policy();
    }

    @Override
    @Transactional
    public CompletionPolicy changePolicy(CompletionPolicy p) {
        if (!(p.reminderDay() <= p.chairDay() && p.chairDay() <= p.suspensionDay())) {
            throw new IllegalArgumentException("reminderDay: the ladder climbs: reminder ≤ chair notice ≤ suspension");
        }
        if (p.alertPercent().signum() <= 0) {
            throw new IllegalArgumentException("alertPercent: must be positive");
        }
        int version = escalations.policy().version() + 1;
        jdbc.sql("insert into completion_policy values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(version, p.delinquentDays(), p.reminderDay(), p.chairDay(), p.suspensionDay(), p.formula().name(),
                        p.alertPercent(), username(), Rows.utc(clock.instant())).update();
        audit.record(AuditAction.ADMIN, AuditOutcome.SUCCESS, null, "CompletionPolicy", version, "bylaw numbers changed");
        return escalations.policy();
    }

    @Override
    @Transactional
    public List<EscalationLetter> escalate() {
        Set<Long> issued = Set.copyOf(escalations.escalate());
        return letters().stream().filter(l -> issued.contains(l.id())).toList();
    }

    @Override
    public List<EscalationLetter> letters() {
        record L(long id, long practitionerId, EscalationStep step, Instant issuedAt, LocalDate issuedOn, int open, int oldest, Instant resolved) {
        }
        List<L> rows = jdbc.sql("""
                select id, practitioner_id, step, issued_at, issued_on, open_deficiencies, oldest_days, resolved_at
                from completion_letter order by issued_at desc, id desc limit 500""")
                .query((rs, i) -> new L(rs.getLong(1), rs.getLong(2), EscalationStep.valueOf(rs.getString(3)), Rows.instant(rs, 4),
                        rs.getObject(5, LocalDate.class), rs.getInt(6), rs.getInt(7), Rows.instant(rs, 8))).list();
        Map<Long, Practitioner> who = directory.byIds(rows.stream().map(L::practitionerId).toList());
        return rows.stream().map(l -> new EscalationLetter(l.id(), l.practitionerId(),
                who.containsKey(l.practitionerId()) ? who.get(l.practitionerId()).display() : null, l.step(), l.issuedAt(),
                l.issuedOn(), l.open(), l.oldest(), l.resolved())).toList();
    }

    @Override
    public byte[] letterPdf(long id) {
        byte[] pdf = jdbc.sql("select pdf from completion_letter where id = ?").param(id).query(byte[].class).optional()
                .orElseThrow(() -> Problem.notFound("letter-not-found", "Letter not found", "No escalation letter has id " + id + "."));
        audit.record(AuditAction.READ, AuditOutcome.SUCCESS, null, "CompletionLetter", id, null);
        return pdf;
    }

    @Override
    public List<Suspension> suspensions() {
        record S(long id, long practitionerId, Instant at, Instant lifted, String by, String reason) {
        }
        List<S> rows = jdbc.sql("""
                select id, practitioner_id, suspended_at, lifted_at, lifted_by, lift_reason from completion_suspension
                order by lifted_at is not null, suspended_at desc limit 500""")
                .query((rs, i) -> new S(rs.getLong(1), rs.getLong(2), Rows.instant(rs, 3), Rows.instant(rs, 4), rs.getString(5),
                        rs.getString(6))).list();
        Map<Long, Practitioner> who = directory.byIds(rows.stream().map(S::practitionerId).toList());
        return rows.stream().map(s -> {
            Practitioner p = who.get(s.practitionerId());
            return new Suspension(s.id(), s.practitionerId(), p == null ? null : p.display(), p == null ? null : p.department(),
                    s.at(), s.lifted(), s.by(), s.reason());
        }).toList();
    }

    @Override
    @Transactional
    public Suspension lift(long suspensionId, String reason) {
        int n = jdbc.sql("""
                update completion_suspension set lifted_at = ?, lifted_by = ?, lift_reason = ? where id = ? and lifted_at is null""")
                .params(Rows.utc(clock.instant()), username(), reason == null || reason.isBlank() ? "lifted by the HIM director" : reason,
                        suspensionId).update();
        if (n > 0) {
            audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, null, "CompletionSuspension", suspensionId, "suspension lifted");
        }
        return suspensions().stream().filter(s -> s.id() == suspensionId).findFirst()
                .orElseThrow(() -> Problem.notFound("suspension-not-found", "Suspension not found", "No suspension has id " + suspensionId + "."));
    }

    @Override
    public int reanalyseAll() {
        int n = analysis.analyseAll();
        audit.record(AuditAction.ADMIN, AuditOutcome.SUCCESS, null, "CompletionAnalysis", null, "full re-analysis of " + n + " encounters");
        return n;
    }

    private static String username() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
