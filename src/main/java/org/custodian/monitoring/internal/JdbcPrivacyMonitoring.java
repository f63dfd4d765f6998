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
import org.custodian.chart.ChartViews;
import org.custodian.chart.DischargeDisposition;
import org.custodian.monitoring.PrivacyMonitoring;
import org.custodian.patient.Household;
import org.custodian.patient.PatientRegistry;
import org.custodian.patient.PatientSummary;
import org.custodian.privacy.ConfidentialityFlags;
import org.custodian.privacy.SystemAccess;
import org.custodian.staff.StaffProfile;
import org.custodian.staff.StaffProfiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.custodian.CustodianSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    private final Clock clock;
    private final ZoneId zone;
    private final Duration grace;
    private final int batchSize;
    private final String organization;

    JdbcPrivacyMonitoring(JdbcClient jdbc, TransactionTemplate tx, AuditLog auditLog, AuditTrail audit,
                          ObjectProvider<AccessReasons> reasons, PatientRegistry patients, ConfidentialityFlags flags,
                          StaffProfiles profiles, Clock clock,
                          MonitoringSettings settings, CustodianSettings custodian) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.auditLog = auditLog;
        this.audit = audit;
        this.reasons = reasons;
        this.patients = patients;
        this.flags = flags;
        this.profiles = profiles;
        this.clock = clock;
        this.zone = clock.getZone();
        this.grace = settings.grace();
        this.batchSize = settings.batch();
        this.organization = custodian.organization();
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
            // The schedule is the system's: it reads the audit log as the privacy monitor, no person signed in.
            SystemAccess.call(org.custodian.Actor.SYSTEM, java.util.EnumSet.of(org.custodian.privacy.Permission.AUDIT_READ), this::scan);
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
        tx.executeWithoutResult(s -> forgetOldPending());
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

    /** Explains and scores one batch of the log (package-private for the test of batches). */
    void process(List<Engine.Access> accesses) {
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
        raise(engine, engine.groups(verdicts));
    }

    /**
     * Adds this batch's scored groups to what earlier batches left pending for the same user, patient and
     * day: a group whose rules now reach the threshold, or whose day already has an alert, goes to the
     * alert (one per user, patient and day, whichever batches its accesses fell in); the rest waits.
     */
    void raise(Engine engine, List<Engine.Group> groups) {
        if (groups.isEmpty()) {
            return;
        }
        Keys keys = Keys.of(groups);
        Map<String, Engine.Group> pending = pending(keys);
        Set<String> alerted = new HashSet<>();
        jdbc.sql("""
                        select a.username, a.patient_id, a.day from monitoring_alert a
                        join unnest(?::text[], ?::bigint[], ?::date[]) k(u, p, d) on a.username = k.u and a.patient_id = k.p and a.day = k.d""")
                .params(keys.users(), keys.patients(), keys.days())
                .query(rs -> {
                    alerted.add(rs.getString(1) + '|' + rs.getLong(2) + '|' + rs.getObject(3, LocalDate.class));
                });
        List<Engine.Group> waiting = new ArrayList<>();
        List<Engine.Group> settled = new ArrayList<>();
        for (Engine.Group g : groups) {
            Engine.Group prior = pending.get(g.key());
            Engine.Group merged = prior == null ? g : prior.plus(g);
            if (alerted.contains(g.key()) || engine.alerting(merged)) {
                save(merged.alert());
                if (prior != null) {
                    settled.add(prior);
                }
            } else {
                waiting.add(g);
            }
        }
        if (!settled.isEmpty()) {
            Keys done = Keys.of(settled);
            for (String table : List.of("monitoring_pending_rule", "monitoring_pending_access")) {
                jdbc.sql("delete from " + table + " t using unnest(?::text[], ?::bigint[], ?::date[]) k(u, p, d)"
                                + " where t.username = k.u and t.patient_id = k.p and t.day = k.d")
                        .params(done.users(), done.patients(), done.days()).update();
            }
        }
        keep(waiting);
    }

    /** Users, patients and days of groups, as parallel arrays for {@code unnest}. */
    private record Keys(String[] users, Long[] patients, java.sql.Date[] days) {
        static Keys of(List<Engine.Group> groups) {
            return new Keys(groups.stream().map(Engine.Group::user).toArray(String[]::new),
                    groups.stream().map(Engine.Group::patientId).toArray(Long[]::new),
                    groups.stream().map(g -> java.sql.Date.valueOf(g.day())).toArray(java.sql.Date[]::new));
        }
    }

    private Map<String, Engine.Group> pending(Keys keys) {
        Map<String, Map<String, Engine.Fired>> rules = new HashMap<>();
        jdbc.sql("""
                        select t.username, t.patient_id, t.day, t.rule, t.contribution, t.explanation from monitoring_pending_rule t
                        join unnest(?::text[], ?::bigint[], ?::date[]) k(u, p, d) on t.username = k.u and t.patient_id = k.p and t.day = k.d""")
                .params(keys.users(), keys.patients(), keys.days())
                .query(rs -> {
                    rules.computeIfAbsent(rs.getString(1) + '|' + rs.getLong(2) + '|' + rs.getObject(3, LocalDate.class),
                            k -> new LinkedHashMap<>()).put(rs.getString(4), new Engine.Fired(rs.getString(4), rs.getInt(5), rs.getString(6)));
                });
        Map<String, Engine.Group> out = new HashMap<>();
        if (rules.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                        select t.username, t.patient_id, t.day, t.seq, t.at, t.resource from monitoring_pending_access t
                        join unnest(?::text[], ?::bigint[], ?::date[]) k(u, p, d) on t.username = k.u and t.patient_id = k.p and t.day = k.d
                        order by t.seq""")
                .params(keys.users(), keys.patients(), keys.days())
                .query(rs -> {
                    String user = rs.getString(1);
                    long patientId = rs.getLong(2);
                    LocalDate day = rs.getObject(3, LocalDate.class);
                    String key = user + '|' + patientId + '|' + day;
                    Engine.Group g = out.computeIfAbsent(key, k -> new Engine.Group(user, patientId, day,
                            rules.getOrDefault(k, Map.of()), new ArrayList<>()));
                    g.accesses().add(new Engine.Access(rs.getLong(4), inst(rs, 5), user, "", patientId, rs.getString(6), false));
                });
        return out;
    }

    /** Groups below the threshold wait for the day's next accesses. */
    private void keep(List<Engine.Group> groups) {
        if (groups.isEmpty()) {
            return;
        }
        List<Object[]> rules = new ArrayList<>();
        List<Object[]> accesses = new ArrayList<>();
        for (Engine.Group g : groups) {
            java.sql.Date day = java.sql.Date.valueOf(g.day());
            g.rules().values().forEach(f -> rules.add(new Object[] {g.user(), g.patientId(), day, f.rule(), f.contribution(), f.explanation()}));
            g.accesses().forEach(a -> accesses.add(new Object[] {g.user(), g.patientId(), day, a.seq(), a.at().toString(), a.resourceType()}));
        }
        jdbc.sql("""
                        insert into monitoring_pending_rule (username, patient_id, day, rule, contribution, explanation)
                        select * from unnest(?::text[], ?::bigint[], ?::date[], ?::text[], ?::int[], ?::text[])
                        on conflict (username, patient_id, day, rule) do update set
                            contribution = greatest(monitoring_pending_rule.contribution, excluded.contribution),
                            explanation = case when excluded.contribution > monitoring_pending_rule.contribution
                                               then excluded.explanation else monitoring_pending_rule.explanation end""")
                .params(column(rules, 0, String[]::new), column(rules, 1, Long[]::new), column(rules, 2, java.sql.Date[]::new),
                        column(rules, 3, String[]::new), column(rules, 4, Integer[]::new), column(rules, 5, String[]::new))
                .update();
        jdbc.sql("""
                        insert into monitoring_pending_access (username, patient_id, day, seq, at, resource)
                        select * from unnest(?::text[], ?::bigint[], ?::date[], ?::bigint[], ?::text[]::timestamptz[], ?::text[])
                        on conflict do nothing""")
                .params(column(accesses, 0, String[]::new), column(accesses, 1, Long[]::new), column(accesses, 2, java.sql.Date[]::new),
                        column(accesses, 3, Long[]::new), column(accesses, 4, String[]::new), column(accesses, 5, String[]::new))
                .update();
    }

    @SuppressWarnings("unchecked")
    private static <T> T[] column(List<Object[]> rows, int i, java.util.function.IntFunction<T[]> array) {
        return rows.stream().map(r -> (T) r[i]).toArray(array);
    }

    /** Pending groups of days long past will not be added to (the log is read in order, a week is ample). */
    private void forgetOldPending() {
        LocalDate before = LocalDate.ofInstant(clock.instant(), zone).minusDays(7);
        jdbc.sql("delete from monitoring_pending_rule where day < ?").param(before).update();
        jdbc.sql("delete from monitoring_pending_access where day < ?").param(before).update();
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
        Map<Long, Instant> deceased = new HashMap<>();
        // the latest discharge, and a death: the first discharge with status "expired" (UB-04 FL17 code 20)
        jdbc.sql("select patient_id, max(discharge_at), min(discharge_at) filter (where discharge_disposition = ?) from "
                        + ChartViews.DISCHARGED_ENCOUNTERS + " where patient_id = any(?) group by patient_id")
                .params(DischargeDisposition.EXPIRED.code(), ids).query(rs -> {
                    discharged.put(rs.getLong(1), inst(rs, 2));
                    Instant died = inst(rs, 3);
                    if (died != null) {
                        deceased.put(rs.getLong(1), died);
                    }
                });
        // a stay in progress that began after the latest discharge: the patient is in the hospital again
        Map<Long, Instant> inHouse = new HashMap<>();
        jdbc.sql("select patient_id, admit_at from " + ChartViews.COMPLETION_ENCOUNTERS + " where status = 'IN_PROGRESS' and patient_id = any(?)")
                .param(ids).query(rs -> {
                    long id = rs.getLong(1);
                    Instant admit = inst(rs, 2);
                    Instant last = discharged.get(id);
                    if (admit != null && (last == null || admit.isAfter(last))) {
                        inHouse.merge(id, admit, (x, y) -> x.isBefore(y) ? x : y);
                    }
                });
        Map<Long, Engine.PatientFacts> facts = new HashMap<>();
        for (Long id : patientIds) {
            Household h = households.get(id);
            facts.put(id, new Engine.PatientFacts(id, h == null ? null : h.mrn(), h == null ? null : h.familyName(),
                    h == null ? null : Engine.addressKey(h.addressLine(), h.postalCode()),
                    Set.copyOf(flagged.getOrDefault(id, List.of())), discharged.get(id), inHouse.get(id), deceased.get(id)));
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
    public Worklist worklist(boolean openOnly, String user, Long patientId, int limit) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (openOnly) {
            where.append(" and decision is null");
        }
        if (user != null && !user.isBlank()) {
            where.append(" and username = ?");
            params.add(user.strip());
        }
        if (patientId != null) {
            where.append(" and patient_id = ?");
            params.add(patientId);
        }
        long total = jdbc.sql("select count(*) from monitoring_alert" + where).params(params).query(Long.class).single();
        List<Object> page = new ArrayList<>(params);
        page.add(Math.max(1, Math.min(limit, 1000)));
        List<Object[]> rows = jdbc.sql("select " + ALERT_COLUMNS + where + " order by score desc, first_at desc, id desc limit ?")
                .params(page).query((rs, i) -> row(rs)).list();
        return new Worklist(assemble(rows), total);
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
                    .keeps("monitoring_pending_rule", "rules that fired on what a user opened, waiting for the day's next"
                            + " accesses; a finding about the registration opened")
                    .keeps("monitoring_pending_access", "what a user opened, as it was seen, waiting with its rules");
        }
    }
}
