package org.custodian.analytics.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.custodian.HospitalClock;
import org.custodian.Problem;
import org.custodian.RecordLabels;
import org.custodian.analytics.Metric;
import org.custodian.analytics.Metric.Period;
import org.custodian.privacy.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Every {@link Metric} bean, with what the API, the pages, CSV and the gauges need: who may see
 * which, periods by interval, series, status against the target, and the records behind a value
 * named as people know them (patient name and MRN, visit number) through the audited {@link RecordLabels}.
 */
@Service
public class MetricRegistry {

    /** How many points a series may have (a day interval over a year and a bit). */
    static final int MAX_POINTS = 400;

    public enum Interval { DAY, WEEK, MONTH }

    public enum Status {
        MEETS("On target"), MISSES("Off target"), NO_TARGET("No target set"), NO_DATA("No data");

        private final String words;

        Status(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public record Point(LocalDate from, LocalDate to, Double value) {
    }

    /** A record behind a figure, named: patient name and MRN, the encounter's visit number. */
    public record NamedRow(Long patientId, String patientName, String mrn, Long encounterId, String visitNumber,
                           String item, String detail, LocalDate date) {
    }

    public record Series(Metric metric, Interval interval, List<Point> points, Point latest, Status status) {
    }

    private final List<Metric> metrics;
    private final Map<String, Metric> byId;
    private final HospitalClock clock;
    private final RecordLabels labels;

    MetricRegistry(List<Metric> metrics, HospitalClock clock, RecordLabels labels) {
        this.metrics = metrics.stream().sorted(Comparator.comparing(Metric::module).thenComparing(Metric::name)).toList();
        this.byId = this.metrics.stream().collect(Collectors.toMap(Metric::id, Function.identity()));
        if (byId.size() != metrics.size()) {
            throw new IllegalStateException("two metrics share an id");
        }
        for (Metric m : metrics) {
            if (!m.id().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                throw new IllegalStateException("a metric's id is a lower-case slug, not " + m.id());
            }
        }
        this.clock = clock;
        this.labels = labels;
    }

    public List<Metric> all() {
        return metrics;
    }

    /** The metrics the signed-in user may see. */
    public List<Metric> visible() {
        Set<String> held = authorities();
        return metrics.stream().filter(m -> held.contains(m.permission().authority())).toList();
    }

    /** The metrics on the signed-in user's home page: those of their roles that they may see. */
    public List<Metric> home() {
        Set<String> held = authorities();
        return visible().stream().filter(m -> m.homeOf().stream().anyMatch(r -> held.contains("ROLE_" + r.name())))
                .toList();
    }

    /** The metric, if the signed-in user may see it: 404 when unknown, 403 when not theirs to see. */
    public Metric require(String id) {
        Metric m = byId.get(id);
        if (m == null) {
            throw Problem.notFound("metric-not-found", "Metric not found", "No metric has the id \"" + id + "\".");
        }
        if (!authorities().contains(m.permission().authority())) {
            throw new AccessDeniedException("metric " + id + " needs " + m.permission().authority());
        }
        return m;
    }

    public LocalDate today() {
        return clock.today();
    }

    /** The periods of {@code interval} that meet [from, to], the first and last cut to them. */
    public List<Period> periods(LocalDate from, LocalDate to, Interval interval) {
        if (from.isAfter(to)) {
            throw Problem.invalid("invalid-period", "from (" + from + ") must be on or before to (" + to + ").");
        }
        List<Period> out = new ArrayList<>();
        LocalDate start = from;
        while (!start.isAfter(to)) {
            LocalDate end = switch (interval) {
                case DAY -> start;
                case WEEK -> start.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
                case MONTH -> start.with(TemporalAdjusters.lastDayOfMonth());
            };
            if (end.isAfter(to)) {
                end = to;
            }
            out.add(period(start, end));
            if (out.size() > MAX_POINTS) {
                throw Problem.invalid("invalid-period", "At most " + MAX_POINTS + " " + interval.name().toLowerCase(Locale.ROOT)
                        + "s in one series: choose a shorter period or a longer interval.");
            }
            start = end.plusDays(1);
        }
        return out;
    }

    /** A period of whole days; its end is capped at now when the period runs past it. */
    public Period period(LocalDate from, LocalDate to) {
        Instant now = clock.instant();
        Instant end = clock.startOf(to.plusDays(1));
        return new Period(from, to, clock.startOf(from), end.isAfter(now) ? now : end);
    }

    public static Interval interval(String value) {
        if (value == null || value.isBlank()) {
            return Interval.MONTH;
        }
        try {
            return Interval.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("invalid-interval", "interval: one of day, week, month; not \"" + value + "\".");
        }
    }

    /**
     * The series over [from, to]. Periods wholly in the future have no value; a metric known only
     * now has a value in the period holding today only.
     */
    public Series series(Metric metric, LocalDate from, LocalDate to, Interval interval) {
        LocalDate today = today();
        List<Point> points = new ArrayList<>();
        for (Period p : periods(from, to, interval)) {
            boolean future = p.from().isAfter(today);
            boolean current = !p.from().isAfter(today) && !p.to().isBefore(today);
            Double value = future || (!metric.historical() && !current) ? null : metric.value(p);
            points.add(new Point(p.from(), p.to(), value));
        }
        Point latest = null;
        for (Point p : points) {
            if (p.value() != null) {
                latest = p;
            }
        }
        return new Series(metric, interval, points, latest, status(metric, latest == null ? null : latest.value()));
    }

    public static Status status(Metric metric, Double value) {
        if (value == null) {
            return Status.NO_DATA;
        }
        if (metric.target() == null) {
            return Status.NO_TARGET;
        }
        return metric.target().met(value) ? Status.MEETS : Status.MISSES;
    }

    /** The current value: the period from the first of this month to today. */
    public Double current(Metric metric) {
        LocalDate today = today();
        return metric.value(period(today.withDayOfMonth(1), today));
    }

    /** The records behind the value for the period, each patient named (one audited look-up for the list). */
    public List<NamedRow> records(Metric metric, Period period) {
        List<Metric.Row> rows = metric.rows(period);
        Set<Long> patients = new LinkedHashSet<>();
        Set<Long> encounters = new LinkedHashSet<>();
        for (Metric.Row r : rows) {
            if (r.patientId() != null) {
                patients.add(r.patientId());
            }
            if (r.encounterId() != null) {
                encounters.add(r.encounterId());
            }
        }
        String purpose = "the records behind the " + metric.name() + " figure";
        Map<Long, RecordLabels.PatientLabel> people = patients.isEmpty() ? Map.of() : labels.patients(patients, purpose);
        Map<Long, RecordLabels.EncounterLabel> visits = encounters.isEmpty() ? Map.of() : labels.encounters(encounters, purpose);
        return rows.stream().map(r -> {
            RecordLabels.PatientLabel p = r.patientId() == null ? null : people.get(r.patientId());
            RecordLabels.EncounterLabel e = r.encounterId() == null ? null : visits.get(r.encounterId());
            return new NamedRow(r.patientId(), p == null ? null : p.name(), p == null ? null : p.mrn(), r.encounterId(),
                    e == null ? null : e.visitNumber(), r.item(), r.detail(), r.date());
        }).toList();
    }

    /** A value as shown: rounded to the unit's decimals, with its unit. */
    public static String format(Metric metric, Double value) {
        if (value == null) {
            return "—";
        }
        if (metric.unit() == Metric.Unit.STATUS) {
            return value >= 1 ? "Intact" : "Broken";
        }
        String number = metric.unit().decimals() == 0 ? String.format(Locale.US, "%,d", Math.round(value))
                : String.format(Locale.US, "%,." + metric.unit().decimals() + "f", value);
        String suffix = metric.unit().suffix();
        return suffix.isEmpty() ? number : suffix.equals("%") ? number + "%"
                : suffix.equals("$") ? (number.startsWith("-") ? "-$" + number.substring(1) : "$" + number) : number + " " + suffix;
    }

    public static String targetText(Metric metric) {
        Metric.Target t = metric.target();
        if (t == null) {
            return "No target set";
        }
        if (metric.unit() == Metric.Unit.STATUS) {
            return "Target: intact";
        }
        return "Target " + t.comparison().sign() + " " + format(metric, t.value());
    }

    private static Set<String> authorities() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return Set.of();
        }
        return auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    }

    static boolean hasRole(Role role) {
        return authorities().contains("ROLE_" + role.name());
    }
}
