package org.custodian.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How the UI and the PDFs write dates, times and durations: US order (MM/DD/YYYY, 24-hour clock) in
 * the hospital's time zone ({@code custodian.zone}), and an em dash for "none". Static so that
 * templates can call it; the zone is set once at start from the hospital's clock.
 */
public final class Fmt {

    public static final String NONE = "\u2014";
    private static volatile ZoneId zone = ZoneId.of("America/New_York");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm");
    private static final DateTimeFormatter DATE_TIME_SECONDS = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss");

    private Fmt() {
    }

    public static ZoneId zone() {
        return zone;
    }

    /** Called once at start with the hospital's zone (see {@code HospitalClock}). */
    public static void useZone(ZoneId hospitalZone) {
        zone = java.util.Objects.requireNonNull(hospitalZone, "zone");
    }

    public static String date(LocalDate date) {
        return date == null ? NONE : DATE.format(date);
    }

    public static String date(Instant instant) {
        return instant == null ? NONE : DATE.format(instant.atZone(zone));
    }

    public static String dateTime(Instant instant) {
        return instant == null ? NONE : DATE_TIME.format(instant.atZone(zone));
    }

    public static String dateTimeSeconds(Instant instant) {
        return instant == null ? NONE : DATE_TIME_SECONDS.format(instant.atZone(zone));
    }

    /** Age as a clinician says it: years from 2 on, months below, days for newborns. */
    public static String age(LocalDate birthDate, LocalDate today) {
        if (birthDate == null || today == null || birthDate.isAfter(today)) {
            return NONE;
        }
        Period p = Period.between(birthDate, today);
        if (p.getYears() >= 2) {
            return p.getYears() + " y";
        }
        long months = ChronoUnit.MONTHS.between(birthDate, today);
        if (months >= 1) {
            return months + " mo";
        }
        return ChronoUnit.DAYS.between(birthDate, today) + " d";
    }

    /**
     * Length of stay: hours for a stay shorter than a day, otherwise days counted midnight to
     * midnight (discharge date minus admit date). An open stay is counted up to {@code now}.
     */
    public static String lengthOfStay(Instant admit, Instant discharge, Instant now) {
        if (admit == null) {
            return NONE;
        }
        Instant end = discharge != null ? discharge : now;
        if (end == null || end.isBefore(admit)) {
            return NONE;
        }
        String suffix = discharge == null ? " so far" : "";
        if (Duration.between(admit, end).toHours() < 24) {
            return Math.max(1, Duration.between(admit, end).toHours()) + " h" + suffix;
        }
        long days = ChronoUnit.DAYS.between(admit.atZone(zone).toLocalDate(), end.atZone(zone).toLocalDate());
        return days + " d" + suffix;
    }

    /** A value for a URL query parameter, form-encoded. */
    public static String url(String value) {
        return value == null ? "" : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String orNone(Object value) {
        if (value == null) {
            return NONE;
        }
        String s = value.toString();
        return s.isBlank() ? NONE : s;
    }
}
