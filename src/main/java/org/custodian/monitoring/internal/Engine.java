package org.custodian.monitoring.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.custodian.AccessReasons.AccessReason;

/**
 * Explains chart accesses and scores what stays unexplained: pure, in memory, no database, so that
 * a million audit events take one pass (the monitor feeds it from the log; the benchmark from a
 * generator). HIPAA's review of information-system activity, 45 CFR 164.308(a)(1)(ii)(D).
 */
final class Engine {

    /** One chart access of the audit log. */
    record Access(long seq, Instant at, String user, String roles, long patientId, String resourceType, boolean registration) {
    }

    /**
     * What the rules need of a patient. {@code addressKey}: normalised line + ZIP5, null when unknown;
     * {@code lastDischarge}: the latest discharge; {@code inHouseSince}: the admission of a stay still
     * in progress that began after it (null when none); {@code deceasedAt}: an expired discharge.
     */
    record PatientFacts(long id, String mrn, String familyName, String addressKey, Set<String> flags,
                        Instant lastDischarge, Instant inHouseSince, Instant deceasedAt) {
        PatientFacts(long id, String mrn, String familyName, String addressKey, Set<String> flags, Instant lastDischarge,
                     Instant deceasedAt) {
            this(id, mrn, familyName, addressKey, flags, lastDischarge, null, deceasedAt);
        }

        /** After the latest discharge and not during a later stay: a readmitted patient is in the hospital again. */
        boolean afterLastDischarge(Instant at) {
            return lastDischarge != null && at.isAfter(lastDischarge) && (inHouseSince == null || at.isBefore(inHouseSince));
        }
    }

    /** What the rules need of a staff member (their HR profile). */
    record StaffFacts(String user, String familyName, String addressKey, String patientMrn, String department) {
    }

    /** A scoring rule as data: its weight and the explanation the investigator sees. */
    record Rule(String code, String title, int weight, String explanation, boolean enabled) {
    }

    record Fired(String rule, int contribution, String explanation) {
    }

    /** The verdict on one access: explained (with the reason) or scored. */
    record Verdict(Access access, AccessReason reason, List<Fired> fired) {
        int score() {
            return fired.stream().mapToInt(Fired::contribution).sum();
        }
    }

    /** Unexplained accesses of one user to one patient on one local day whose score reached the threshold. */
    record Alert(String user, long patientId, LocalDate day, int score, List<Fired> rules, List<Access> accesses) {
    }

    record Settings(ZoneId zone, long graceSeconds, long registrationSeconds, int threshold, int offHoursStart,
                    int offHoursEnd, double volumeFactor, int volumeMinimum, Set<String> himRoles) {
        static Settings defaults(ZoneId zone) {
            return new Settings(zone, 72 * 3600, 7 * 24 * 3600, 60, 19, 7, 3.0, 10,
                    Set.of("HIM_DIRECTOR", "CODER", "ROI_SPECIALIST", "CDI_SPECIALIST", "PRIVACY_OFFICER", "DATA_INTEGRITY_ANALYST"));
        }
    }

    static final String SAME_FAMILY_NAME = "SAME_FAMILY_NAME";
    static final String SAME_ADDRESS = "SAME_ADDRESS";
    static final String SELF_ACCESS = "SELF_ACCESS";
    static final String CO_WORKER = "CO_WORKER";
    static final String VIP = "VIP";
    static final String AFTER_DISCHARGE = "AFTER_DISCHARGE";
    static final String DECEASED = "DECEASED";
    static final String VOLUME = "VOLUME";
    static final String OFF_HOURS = "OFF_HOURS";

    private final Settings settings;
    private final Map<String, Rule> rules;
    private final Map<Long, PatientFacts> patients;
    private final Map<String, StaffFacts> staff;
    private final Map<String, StaffFacts> employees;
    /** Family names (normalised) to their share of the patients; a name absent is rare. */
    private final Map<String, Double> surnameShare;
    static final double RARE_SURNAME = 0.005;
    private final Map<String, Integer> userIds = new HashMap<>();
    private final Map<Long, List<AccessReason>> reasons = new HashMap<>();

    Engine(Settings settings, Collection<Rule> rules, Map<Long, PatientFacts> patients, Map<String, StaffFacts> staff,
           Collection<AccessReason> reasons) {
        this(settings, rules, patients, staff, reasons, shares(patients.values()));
    }

    /** The share of each family name among these patients (when they are the whole population). */
    static Map<String, Double> shares(Collection<PatientFacts> patients) {
        Map<String, Double> counts = new HashMap<>();
        for (PatientFacts p : patients) {
            if (p.familyName() != null) {
                counts.merge(norm(p.familyName()), 1.0, Double::sum);
            }
        }
        int n = Math.max(1, patients.size());
        counts.values().removeIf(v -> v < 3); // borne by one or two patients: rare, however small the population
        counts.replaceAll((k, v) -> v / n);
        return counts;
    }

    Engine(Settings settings, Collection<Rule> rules, Map<Long, PatientFacts> patients, Map<String, StaffFacts> staff,
           Collection<AccessReason> reasons, Map<String, Double> surnameShare) {
        this.settings = settings;
        this.surnameShare = surnameShare;
        this.rules = new LinkedHashMap<>();
        rules.forEach(r -> this.rules.put(r.code(), r));
        this.patients = patients;
        this.staff = staff;
        this.employees = new HashMap<>();
        staff.values().forEach(s -> {
            if (s.patientMrn() != null) {
                employees.put(s.patientMrn(), s);
            }
        });
        reasons.forEach(this::addReason);
    }

    private long key(String user, long patientId) {
        int u = userIds.computeIfAbsent(user, k -> userIds.size());
        return ((long) u << 40) | (patientId & 0xFF_FFFF_FFFFL);
    }

    private void addReason(AccessReason r) {
        reasons.computeIfAbsent(key(r.username(), r.patientId()), k -> new ArrayList<>(2)).add(r);
    }

    /** The reason that covers the access, or null. A registration is its own reason, and one for the days after it. */
    AccessReason explain(Access a) {
        List<AccessReason> candidates = reasons.get(key(a.user(), a.patientId()));
        if (candidates != null) {
            for (AccessReason r : candidates) {
                if (r.covers(a.at(), settings.graceSeconds())) {
                    return r;
                }
            }
        }
        return null;
    }

    /**
     * Explains and scores a batch of accesses, in log order. Registrations add their reason as they go.
     * {@code priorDayCounts}: distinct unexplained patients per user and day already seen (the live log
     * is scanned in small batches; the volume rule needs the whole day).
     */
    List<Verdict> run(List<Access> accesses, Map<String, Set<Long>> priorDayPatients) {
        List<Verdict> verdicts = new ArrayList<>(accesses.size());
        List<Access> unexplained = new ArrayList<>();
        for (Access a : accesses) {
            if (a.registration()) {
                addReason(new AccessReason(a.user(), a.patientId(), "registration", "registered the patient", a.at(),
                        a.at().plusSeconds(settings.registrationSeconds())));
            }
            AccessReason r = explain(a);
            if (r != null) {
                verdicts.add(new Verdict(a, r, List.of()));
            } else {
                unexplained.add(a);
                verdicts.add(null);
            }
        }
        // volume: distinct unexplained patients per user and day, against the median of the users with the same roles
        Map<String, Set<Long>> dayPatients = new HashMap<>(priorDayPatients);
        Map<String, String> dayRoles = new HashMap<>();
        for (Access a : unexplained) {
            dayPatients.computeIfAbsent(dayKey(a), x -> new HashSet<>()).add(a.patientId());
            dayRoles.put(dayKey(a), a.roles());
        }
        Map<String, Double> baseline = baselines(dayPatients, dayRoles);
        int u = 0;
        for (int i = 0; i < verdicts.size(); i++) {
            if (verdicts.get(i) == null) {
                Access a = unexplained.get(u++);
                verdicts.set(i, new Verdict(a, null, score(a, dayPatients, baseline)));
            }
        }
        return verdicts;
    }

    private String dayKey(Access a) {
        return a.user() + '|' + localDate(a.at());
    }

    private LocalDate localDate(Instant at) {
        return LocalDate.ofInstant(at, settings.zone());
    }

    /** Median distinct unexplained patients per user-day, per roles and day. */
    private static Map<String, Double> baselines(Map<String, Set<Long>> dayPatients, Map<String, String> dayRoles) {
        Map<String, List<Integer>> byRole = new HashMap<>();
        dayPatients.forEach((k, v) -> {
            String roles = dayRoles.getOrDefault(k, "");
            String day = k.substring(k.indexOf('|') + 1);
            byRole.computeIfAbsent(roles + '|' + day, x -> new ArrayList<>()).add(v.size());
        });
        Map<String, Double> out = new HashMap<>();
        byRole.forEach((k, counts) -> {
            int[] c = counts.stream().mapToInt(Integer::intValue).sorted().toArray();
            out.put(k, c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2.0);
        });
        return out;
    }

    List<Fired> score(Access a, Map<String, Set<Long>> dayPatients, Map<String, Double> baseline) {
        List<Fired> fired = new ArrayList<>(3);
        PatientFacts p = patients.get(a.patientId());
        StaffFacts s = staff.get(a.user());
        if (p != null && s != null) {
            boolean self = s.patientMrn() != null && s.patientMrn().equals(p.mrn());
            if (self) {
                fire(fired, SELF_ACCESS, "the user is the patient (MRN " + p.mrn() + ")");
            } else {
                if (s.familyName() != null && p.familyName() != null && norm(s.familyName()).equals(norm(p.familyName()))) {
                    // a common name is weaker evidence of kinship: full weight up to 0.5 % of patients, down to half
                    double share = surnameShare.getOrDefault(norm(p.familyName()), 0.0);
                    double scale = share <= RARE_SURNAME ? 1.0 : Math.max(0.5, RARE_SURNAME / share);
                    fireScaled(fired, SAME_FAMILY_NAME, scale, "the user's family name is the patient's: " + p.familyName()
                            + (scale < 1 ? String.format(Locale.ROOT, " (a common name: %.1f %% of patients)", share * 100) : ""));
                }
                if (s.addressKey() != null && s.addressKey().equals(p.addressKey())) {
                    fire(fired, SAME_ADDRESS, "the user lives at the patient's address");
                }
                StaffFacts colleague = p.mrn() == null ? null : employees.get(p.mrn());
                if (colleague != null) {
                    boolean sameDepartment = s.department() != null && s.department().equalsIgnoreCase(colleague.department());
                    // a colleague of one's own department is the co-worker of the rule; another department's, three quarters of it
                    fireScaled(fired, CO_WORKER, sameDepartment ? 1.0 : 2.0 / 3, sameDepartment
                            ? "the patient is a co-worker in the user's department (" + s.department() + ")"
                            : "the patient is an employee (" + Objects.toString(colleague.department(), "department unknown") + ")");
                }
            }
        }
        if (p != null) {
            if (p.flags().contains("VIP")) {
                fire(fired, VIP, "the patient is flagged VIP");
            }
            if (p.deceasedAt() != null && a.at().isAfter(p.deceasedAt())) {
                fire(fired, DECEASED, "the patient died on " + localDate(p.deceasedAt()));
            } else if (p.afterLastDischarge(a.at()) && !him(a.roles())) {
                fire(fired, AFTER_DISCHARGE, "opened after the patient's discharge on " + localDate(p.lastDischarge())
                        + " by a user outside HIM");
            }
        }
        Set<Long> day = dayPatients.get(dayKey(a));
        Double base = baseline.get(a.roles() + '|' + localDate(a.at()));
        if (day != null && base != null) {
            double limit = Math.max(settings.volumeMinimum(), settings.volumeFactor() * base);
            if (day.size() > limit) {
                fire(fired, VOLUME, day.size() + " unexplained patients that day; the role's median is " + fmt(base));
            }
        }
        LocalDateTime local = LocalDateTime.ofInstant(a.at(), settings.zone());
        int h = local.getHour();
        boolean night = settings.offHoursStart() > settings.offHoursEnd()
                ? h >= settings.offHoursStart() || h < settings.offHoursEnd()
                : h >= settings.offHoursStart() && h < settings.offHoursEnd();
        if (night || local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY) {
            fire(fired, OFF_HOURS, "opened at " + local.toLocalTime().withNano(0) + " on a " +
                    local.getDayOfWeek().toString().toLowerCase(Locale.ROOT) + ", outside working hours");
        }
        return fired;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }

    private boolean him(String roles) {
        if (roles == null || roles.isEmpty()) {
            return false;
        }
        return Arrays.stream(roles.split(",")).anyMatch(settings.himRoles()::contains);
    }

    private void fire(List<Fired> fired, String code, String why) {
        fireScaled(fired, code, 1.0, why);
    }

    private void fireScaled(List<Fired> fired, String code, double scale, String why) {
        Rule r = rules.get(code);
        if (r != null && r.enabled() && r.weight() != 0) {
            fired.add(new Fired(code, (int) Math.round(r.weight() * scale), r.explanation() + ": " + why));
        }
    }

    /**
     * The scored unexplained accesses of one user to one patient on one local day: each rule once, at its
     * largest contribution, and the accesses behind them. The live log comes in batches; a group carried
     * from an earlier batch is {@link #plus added} to the next batch's.
     */
    record Group(String user, long patientId, LocalDate day, Map<String, Fired> rules, List<Access> accesses) {
        int score() {
            return rules.values().stream().mapToInt(Fired::contribution).sum();
        }

        String key() {
            return user + '|' + patientId + '|' + day;
        }

        Group plus(Group later) {
            if (later == null) {
                return this;
            }
            Map<String, Fired> r = new LinkedHashMap<>(rules);
            later.rules().forEach((k, f) -> r.merge(k, f, (x, y) -> x.contribution() >= y.contribution() ? x : y));
            Map<Long, Access> a = new java.util.TreeMap<>();
            accesses.forEach(x -> a.put(x.seq(), x));
            later.accesses().forEach(x -> a.put(x.seq(), x));
            return new Group(user, patientId, day, r, List.copyOf(a.values()));
        }

        Alert alert() {
            return new Alert(user, patientId, day, score(), List.copyOf(rules.values()), accesses);
        }
    }

    /** The groups of scored verdicts, per user, patient and local day, whatever their score. */
    List<Group> groups(List<Verdict> verdicts) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Verdict v : verdicts) {
            if (v.reason() == null && !v.fired().isEmpty()) {
                Access a = v.access();
                LocalDate day = localDate(a.at());
                Group g = groups.computeIfAbsent(a.user() + '|' + a.patientId() + '|' + day,
                        k -> new Group(a.user(), a.patientId(), day, new LinkedHashMap<>(), new ArrayList<>()));
                v.fired().forEach(f -> g.rules().merge(f.rule(), f, (x, y) -> x.contribution() >= y.contribution() ? x : y));
                g.accesses().add(a);
            }
        }
        return groups.values().stream().map(g -> new Group(g.user(), g.patientId(), g.day(), java.util.Collections.unmodifiableMap(g.rules()),
                List.copyOf(g.accesses()))).toList();
    }

    /** Whether a group's rules add up to an alert. */
    boolean alerting(Group g) {
        return g.score() >= settings.threshold();
    }

    /** The alerts of scored verdicts: per user, patient and local day, when the rules' sum reaches the threshold. */
    List<Alert> alerts(List<Verdict> verdicts) {
        return groups(verdicts).stream().filter(this::alerting).map(Group::alert).toList();
    }

    static String norm(String s) {
        return s.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
    }

    /** A household key: the street line without punctuation or unit and the 5-digit ZIP; null without both. */
    static String addressKey(String line, String postalCode) {
        if (line == null || line.isBlank() || postalCode == null || postalCode.length() < 5) {
            return null;
        }
        String l = line.toUpperCase(Locale.ROOT).replaceAll("\\b(APT|UNIT|SUITE|STE|#)\\s*\\S+", " ")
                .replaceAll("\\bSTREET\\b", "ST").replaceAll("\\bAVENUE\\b", "AVE").replaceAll("\\bROAD\\b", "RD")
                .replaceAll("\\bDRIVE\\b", "DR").replaceAll("\\bLANE\\b", "LN").replaceAll("\\bBOULEVARD\\b", "BLVD")
                .replaceAll("[^A-Z0-9]+", " ").strip();
        return l + '|' + postalCode.substring(0, 5);
    }
}
