package org.custodian.monitoring.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custodian.AccessReasons;
import org.custodian.AccessReasons.AccessReason;
import org.custodian.MergeFollower;
import org.custodian.Problem;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditQuery;
import org.custodian.audit.AuditRecord;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.ChartService;
import org.custodian.chart.ChartViews;
import org.custodian.chart.DischargeDisposition;
import org.custodian.chart.EncounterDischarged;
import org.custodian.monitoring.PrivacyMonitoring;
import org.custodian.patient.Household;
import org.custodian.patient.PatientRegistry;
import org.custodian.patient.PatientSummary;
import org.custodian.privacy.ConfidentialityFlags;
import org.custodian.staff.StaffProfile;
import org.custodian.staff.StaffProfiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the audit log incrementally (every few seconds, so an alert exists within a minute of the
 * access), explains each chart access with every module's {@link AccessReasons}, scores the rest with
 * the rules kept in {@code monitoring_rule}, and keeps the alerts and the privacy officer's decisions.
 * HIPAA's information system activity review, 45 CFR 164.308(a)(1)(ii)(D).
 */
@Service
class JdbcPrivacyMonitoring implements PrivacyMonitoring {

    private static final Logger log = LoggerFactory.getLogger(JdbcPrivacyMonitoring.class);

    /** What counts as opening a chart. Searches list patients; they do not open a record. */
    static final Set<String> ACCESS_ACTIONS = Set.of("READ", "EXPORT", "UPDATE", "SIGN");
    /** Reads of the privacy function itself, and the break-the-glass event (reviewed on its own queue). */
    static final Set<String> NOT_CHART = Set.of("AuditLog", "EmergencyAccess", "EmergencyAccessReview", "ConfidentialityFlag",
            "AccessReport", "PrivacyAlert");

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog auditLog;
    private final AuditTrail audit;
    private final ObjectProvider<AccessReasons> reasons;
    private final PatientRegistry patients;
    private final ConfidentialityFlags flags;
    private final StaffProfiles profiles;
    private final ObjectProvider<ChartService> charts;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration grace;
    private final int batchSize;
    private final String organization;

    JdbcPrivacyMonitoring(JdbcClient jdbc, TransactionTemplate tx, AuditLog auditLog, AuditTrail audit,
                          ObjectProvider<AccessReasons> reasons, PatientRegistry patients, ConfidentialityFlags flags,
                          StaffProfiles profiles, ObjectProvider<ChartService> charts, Clock clock,
                          @Value("${custodian.monitoring.grace:PT72H}") Duration grace,
                          @Value("${custodian.monitoring.batch:20000}") int batchSize,
                          @Value("${custodian.organization:Custodian Demo Hospital}") String organization) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.auditLog = auditLog;
        this.audit = audit;
        this.reasons = reasons;
        this.patients = patients;
        this.flags = flags;
        this.profiles = profiles;
        this.charts = charts;
        this.clock = clock;
        this.zone = clock.getZone();
        this.grace = grace;
        this.batchSize = batchSize;
        this.organization = organization;
    }

    Engine.Settings settings() {
        Engine.Settings d = Engine.Settings.defaults(zone);
        return new Engine.Settings(zone, grace.toSeconds(), d.registrationSeconds(), d.threshold(), d.offHoursStart(),
                d.offHoursEnd(), d.volumeFactor(), d.volumeMinimum(), d.himRoles());
    }

    // ---- the scan

    @Scheduled(initialDelayString = "${custodian.monitoring.scan-every:PT15S}", fixedDelayString = "${custodian.monitoring.scan-every:PT15S}")
    void scheduledScan() {
        try {
            scan();
        } catch (RuntimeException e) {
            log.warn("privacy monitoring scan failed; it resumes from the same place next time", e);
        }
    }

    @Override
    public int scanNow() {
        return scan();
    }

    /** Scans until the log is read to its end; one transaction per batch, the cursor moving with the alerts. */
    synchronized int scan() {
        int total = 0;
        while (true) {
            Integer n = tx.execute(s -> scanBatch());
            if (n == null || n < 0) {
                return total;
            }
            total += n;
        }
    }

    /** -1 when nothing was left to read. */
    private int scanBatch() {
        long cursor = jdbc.sql("select last_seq from monitoring_cursor where id = 1 for update").query(Long.class).single();
        List<AuditRecord> records = auditLog.after(cursor, batchSize);
        if (records.isEmpty()) {
            return -1;
        }
        long last = records.get(records.size() - 1).seq();
        List<Engine.Access> accesses = accesses(records);
        if (!accesses.isEmpty()) {
            process(accesses);
        }
        jdbc.sql("update monitoring_cursor set last_seq = ?, scanned_at = ? where id = 1")
                .params(last, ts(clock.instant())).update();
        return accesses.size();
    }

    static List<Engine.Access> accesses(List<AuditRecord> records) {
        List<Engine.Access> out = new ArrayList<>();
        for (AuditRecord r : records) {
            if (r.patientId() == null || !"SUCCESS".equals(r.outcome()) || AuditTrail.SYSTEM_USER.equals(r.username())) {
                continue;
            }
            boolean registration = "CREATE".equals(r.action()) && "Patient".equals(r.resourceType());
            if ((ACCESS_ACTIONS.contains(r.action()) || registration) && !NOT_CHART.contains(r.resourceType())) {
                out.add(new Engine.Access(r.seq(), r.occurredAt(), r.username(), r.roles() == null ? "" : r.roles(),
                        r.patientId(), r.resourceType(), registration));
            }
        }
        return out;
    }

    private void process(List<Engine.Access> accesses) {
        Instant from = accesses.get(0).at();
        Instant to = accesses.get(0).at();
        Set<Long> patientIds = new HashSet<>();
        Set<String> users = new HashSet<>();
        for (Engine.Access a : accesses) {
            from = a.at().isBefore(from) ? a.at() : from;
            to = a.at().isAfter(to) ? a.at() : to;
            patientIds.add(a.patientId());
            users.add(a.user());
        }
        Engine engine = engine(from, to, patientIds);
        Map<String, Set<Long>> prior = priorDayPatients(users, from, to);
        List<Engine.Verdict> verdicts = engine.run(accesses, prior);
        List<Object[]> unexplained = new ArrayList<>();
        for (Engine.Verdict v : verdicts) {
            if (v.reason() == null && !v.access().registration()) {
                unexplained.add(new Object[] {v.access().user(), LocalDate.ofInstant(v.access().at(), zone), v.access().roles(),
                        v.access().patientId()});
            }
        }
        if (!unexplained.isEmpty()) {
            jdbc.sql("insert into monitoring_unexplained (username, day, roles, patient_id) select * from unnest(?::text[], ?::date[], ?::text[], ?::bigint[]) on conflict do nothing")
                    .params(unexplained.stream().map(o -> (String) o[0]).toArray(String[]::new),
                            unexplained.stream().map(o -> java.sql.Date.valueOf((LocalDate) o[1])).toArray(java.sql.Date[]::new),
                            unexplained.stream().map(o -> (String) o[2]).toArray(String[]::new),
                            unexplained.stream().map(o -> (Long) o[3]).toArray(Long[]::new))
                    .update();
        }
        for (Engine.Alert alert : engine.alerts(verdicts)) {
            save(alert);
        }
    }

    /** An engine loaded with what the rules need to know of these patients and every staff member. */
    Engine engine(Instant from, Instant to, Collection<Long> patientIds) {
        List<AccessReason> all = new ArrayList<>();
        Instant rf = from.minus(grace);
        Instant rt = to.plus(grace);
        reasons.orderedStream().forEach(r -> all.addAll(r.reasons(rf, rt)));
        Map<Long, Household> households = patients.households(patientIds, "privacy monitoring");
        Map<Long, List<String>> flagged = flags.activeKinds(patientIds);
        Long[] ids = patientIds.toArray(Long[]::new);
        Map<Long, Instant> discharged = new HashMap<>();
        jdbc.sql("select patient_id, max(discharge_at) from " + ChartViews.DISCHARGED_ENCOUNTERS
                        + " where patient_id = any(?) group by patient_id")
                .param(ids).query(rs -> {
                    discharged.put(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant());
                });
        Map<Long, Instant> deceased = new HashMap<>();
        jdbc.sql("select patient_id, died_at from monitoring_deceased where patient_id = any(?)").param(ids)
                .query(rs -> {
                    deceased.put(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant());
                });
        Map<Long, Engine.PatientFacts> facts = new HashMap<>();
        for (Long id : patientIds) {
            Household h = households.get(id);
            facts.put(id, new Engine.PatientFacts(id, h == null ? null : h.mrn(), h == null ? null : h.familyName(),
                    h == null ? null : Engine.addressKey(h.addressLine(), h.postalCode()),
                    Set.copyOf(flagged.getOrDefault(id, List.of())), discharged.get(id), deceased.get(id)));
        }
        Map<String, Engine.StaffFacts> staff = new HashMap<>();
        for (StaffProfile p : profiles.all()) {
            staff.put(p.username(), new Engine.StaffFacts(p.username(), p.familyName(),
                    p.homeAddress() == null ? null : Engine.addressKey(p.homeAddress().line(), p.homeAddress().postalCode()),
                    p.patientMrn(), p.department()));
        }
        Map<String, Double> shares = patients.familyNameShares(staff.values().stream().map(Engine.StaffFacts::familyName).toList());
        return new Engine(settings(), ruleData(), facts, staff, all, shares);
    }

    private Map<String, Set<Long>> priorDayPatients(Set<String> users, Instant from, Instant to) {
        Map<String, Set<Long>> out = new HashMap<>();
        jdbc.sql("select username, day, patient_id from monitoring_unexplained where username = any(?) and day between ? and ?")
                .params(users.toArray(String[]::new), LocalDate.ofInstant(from, zone), LocalDate.ofInstant(to, zone))
                .query(rs -> {
                    out.computeIfAbsent(rs.getString(1) + '|' + rs.getObject(2, LocalDate.class), k -> new HashSet<>()).add(rs.getLong(3));
                });
        return out;
    }

    List<Engine.Rule> ruleData() {
        return jdbc.sql("select code, title, weight, explanation, enabled from monitoring_rule")
                .query((rs, i) -> new Engine.Rule(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getBoolean(5)))
                .list();
    }

    private void save(Engine.Alert a) {
        Instant first = a.accesses().get(0).at();
        Instant lastAt = a.accesses().get(a.accesses().size() - 1).at();
        long id = jdbc.sql("""
                        insert into monitoring_alert (username, patient_id, day, score, first_at, last_at, created_at)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (username, patient_id, day) do update set
                            first_at = least(monitoring_alert.first_at, excluded.first_at),
                            last_at = greatest(monitoring_alert.last_at, excluded.last_at)
                        returning id""")
                .params(a.user(), a.patientId(), a.day(), a.score(), ts(first), ts(lastAt), ts(clock.instant()))
                .query(Long.class).single();
        for (Engine.Fired f : a.rules()) {
            jdbc.sql("""
                            insert into monitoring_alert_rule (alert_id, rule, contribution, explanation) values (?, ?, ?, ?)
                            on conflict (alert_id, rule) do update set contribution = greatest(monitoring_alert_rule.contribution,
                                excluded.contribution)""")
                    .params(id, f.rule(), f.contribution(), f.explanation()).update();
        }
        for (Engine.Access x : a.accesses()) {
            jdbc.sql("insert into monitoring_alert_access (alert_id, seq, at, resource) values (?, ?, ?, ?) on conflict do nothing")
                    .params(id, x.seq(), ts(x.at()), x.resourceType()).update();
        }
        jdbc.sql("update monitoring_alert set score = (select sum(contribution) from monitoring_alert_rule where alert_id = ?) where id = ?")
                .params(id, id).update();
    }

    // ---- deaths: a discharge with status "expired" (UB-04 FL17 code 20)

    @ApplicationModuleListener
    void onDischarges(org.custodian.chart.EncountersDischarged bulk) {
        bulk.discharges().forEach(this::onDischarge);
    }

    @ApplicationModuleListener
    void onDischarge(EncounterDischarged e) {
        var encounter = charts.getObject().encounter(e.encounterId());
        if (encounter.dischargeDisposition() == DischargeDisposition.EXPIRED) {
            jdbc.sql("insert into monitoring_deceased (patient_id, died_at) values (?, ?) on conflict do nothing")
                    .params(e.patientId(), ts(e.dischargeAt())).update();
        }
    }

    // ---- alerts and cases

    private static final String ALERT_COLUMNS = """
            id, username, patient_id, day, score, first_at, last_at, decision, decision_note, decided_by, decided_at
            from monitoring_alert""";

    @Override
    public List<Alert> alerts(Instant from, Instant to, boolean openOnly) {
        List<Object[]> rows = jdbc.sql("select " + ALERT_COLUMNS + " where first_at >= ? and first_at < ?"
                        + (openOnly ? " and decision is null" : "") + " order by score desc, first_at desc limit 1000")
                .params(ts(from), ts(to)).query((rs, i) -> row(rs)).list();
        return assemble(rows);
    }

    @Override
    public Alert alert(long id) {
        List<Object[]> rows = jdbc.sql("select " + ALERT_COLUMNS + " where id = ?").param(id).query((rs, i) -> row(rs)).list();
        if (rows.isEmpty()) {
            throw Problem.notFound("alert-not-found", "No such alert", "No privacy alert " + id + ".");
        }
        return assemble(rows).get(0);
    }

    @Override
    public Alert decide(long id, Decision decision, String note) {
        if (decision == null) {
            throw Problem.invalid("alert-decision", "decision: one of " + List.of(Decision.values()));
        }
        Alert a = alert(id);
        if (a.decision() != null) {
            throw Problem.conflict("alert-already-decided", "Already decided", "Alert " + id + " was decided by " + a.decidedBy() + ".");
        }
        String who = org.custodian.Actor.current();
        if (who.equals(a.user())) {
            throw Problem.conflict("alert-self-review", "Own access", "No one decides an alert on their own access.");
        }
        if (decision.inappropriate() && (note == null || note.isBlank())) {
            throw Problem.invalid("alert-decision-note", "note: say what was found and what follows (education or sanction)");
        }
        jdbc.sql("update monitoring_alert set decision = ?, decision_note = ?, decided_by = ?, decided_at = ? where id = ?")
                .params(decision.name(), note == null || note.isBlank() ? null : note.strip(), who, ts(clock.instant()), id).update();
        audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, a.patientId(), "PrivacyAlert", id, decision.name());
        return alert(id);
    }

    private static Object[] row(ResultSet rs) throws SQLException {
        return new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getObject(4, LocalDate.class), rs.getInt(5),
                inst(rs, 6), inst(rs, 7), rs.getString(8), rs.getString(9), rs.getString(10), inst(rs, 11)};
    }

    private List<Alert> assemble(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Long[] ids = rows.stream().map(r -> (Long) r[0]).toArray(Long[]::new);
        Map<String, String> titles = new HashMap<>();
        ruleData().forEach(r -> titles.put(r.code(), r.title()));
        Map<Long, List<RuleContribution>> rules = new HashMap<>();
        jdbc.sql("select alert_id, rule, contribution, explanation from monitoring_alert_rule where alert_id = any(?) order by contribution desc, rule")
                .param(ids).query(rs -> {
                    rules.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new RuleContribution(rs.getString(2),
                            titles.getOrDefault(rs.getString(2), rs.getString(2)), rs.getInt(3), rs.getString(4)));
                });
        Map<Long, List<AlertAccess>> accesses = new HashMap<>();
        jdbc.sql("select alert_id, seq, at, resource from monitoring_alert_access where alert_id = any(?) order by seq")
                .param(ids).query(rs -> {
                    accesses.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new AlertAccess(rs.getLong(2), inst(rs, 3),
                            rs.getString(4)));
                });
        Map<Long, PatientSummary> names = patients.summaries(rows.stream().map(r -> (Long) r[2]).toList(), "the privacy alert worklist");
        List<Alert> out = new ArrayList<>();
        for (Object[] r : rows) {
            long id = (Long) r[0];
            PatientSummary p = names.get((Long) r[2]);
            out.add(new Alert(id, (String) r[1], (Long) r[2], p == null ? "unknown patient" : p.displayName(),
                    p == null ? null : p.mrn(), (LocalDate) r[3], (Integer) r[4], (Instant) r[5], (Instant) r[6],
                    rules.getOrDefault(id, List.of()), accesses.getOrDefault(id, List.of()),
                    r[7] == null ? null : Decision.valueOf((String) r[7]), (String) r[8], (String) r[9], (Instant) r[10]));
        }
        return out;
    }

    // ---- rules and their precision

    @Override
    public List<RulePrecision> rules() {
        return jdbc.sql("""
                        select r.code, r.title, r.weight, r.explanation, r.enabled,
                               count(a.decision) as decided,
                               count(*) filter (where a.decision in ('INAPPROPRIATE_EDUCATION', 'INAPPROPRIATE_SANCTION')) as bad
                        from monitoring_rule r
                        left join monitoring_alert_rule ar on ar.rule = r.code
                        left join monitoring_alert a on a.id = ar.alert_id and a.decision is not null
                        group by r.code, r.title, r.weight, r.explanation, r.enabled
                        order by r.weight desc, r.code""")
                .query((rs, i) -> {
                    int decided = rs.getInt(6);
                    int bad = rs.getInt(7);
                    return new RulePrecision(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getBoolean(5),
                            decided, bad, decided == 0 ? null : (double) bad / decided);
                }).list();
    }

    @Override
    public RulePrecision setRule(String code, int weight, boolean enabled) {
        if (weight < 0 || weight > 1000) {
            throw Problem.invalid("rule-weight", "weight: 0 to 1000");
        }
        int n = jdbc.sql("update monitoring_rule set weight = ?, enabled = ?, updated_by = ?, updated_at = ? where code = ?")
                .params(weight, enabled, org.custodian.Actor.current(), ts(clock.instant()), code).update();
        if (n == 0) {
            throw Problem.notFound("rule-not-found", "No such rule", "No monitoring rule " + code + ".");
        }
        audit.record(AuditAction.ADMIN, AuditOutcome.SUCCESS, null, "MonitoringRule", code, "weight " + weight + ", enabled " + enabled);
        return rules().stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }

    // ---- the patient access report

    @Override
    public AccessReport accessReport(long patientId, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw Problem.invalid("invalid-range", "from: must be before to");
        }
        PatientSummary p = patients.summaries(List.of(patientId), "a patient access report").get(patientId);
        if (p == null) {
            throw new org.custodian.patient.PatientNotFoundException(patientId);
        }
        List<AuditRecord> records = new ArrayList<>();
        for (int page = 0; page < 200; page++) {
            List<AuditRecord> chunk = auditLog.find(new AuditQuery(patientId, null, from, to, page, 1000));
            records.addAll(chunk);
            if (chunk.size() < 1000) {
                break;
            }
        }
        java.util.Collections.reverse(records);
        List<Engine.Access> accesses = accesses(records);
        Map<String, ReportLine> lines = new LinkedHashMap<>();
        if (!accesses.isEmpty()) {
            Engine engine = engine(accesses.get(0).at(), accesses.get(accesses.size() - 1).at(), List.of(patientId));
            List<Engine.Verdict> verdicts = engine.run(accesses, Map.of());
            Map<String, Set<String>> why = new HashMap<>();
            for (Engine.Verdict v : verdicts) {
                Engine.Access a = v.access();
                why.computeIfAbsent(a.user(), k -> new java.util.TreeSet<>()).add(v.reason() == null
                        ? "no work reason on record" : v.reason().kind() + " (" + v.reason().detail() + ")");
                lines.merge(a.user(), new ReportLine(a.user(), a.roles(), a.at(), a.at(), 1, ""),
                        (x, y) -> new ReportLine(x.user(), y.roles(), x.firstAt(), y.lastAt(), x.accesses() + 1, ""));
            }
            lines.replaceAll((u, l) -> new ReportLine(l.user(), l.roles(), l.firstAt(), l.lastAt(), l.accesses(),
                    String.join("; ", why.get(u))));
        }
        audit.record(AuditAction.READ, AuditOutcome.SUCCESS, patientId, "AccessReport", patientId, "patient access report");
        return new AccessReport(patientId, p.displayName(), p.mrn(), from, to, List.copyOf(lines.values()),
                "/accounting?patientId=" + patientId);
    }

    private static OffsetDateTime ts(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static Instant inst(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class MonitoringConfiguration {
        @Bean
        MergeFollower monitoringFollowsMerges() {
            return MergeFollower.of("monitoring")
                    .keeps("monitoring_alert", "an alert is a finding about what a user opened, on the registration they opened;"
                            + " the investigation's record is never rewritten")
                    .keeps("monitoring_unexplained", "a day's count of what a user opened, kept as it was seen")
                    .keeps("monitoring_deceased", "a death noted on the registration of the discharge; a merge's survivor"
                            + " is checked against both registrations by id");
        }
    }
}
