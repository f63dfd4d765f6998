package org.custodian;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What the search forms of the UI share: a field's text without surrounding blanks (blank is
 * absent), a date as a date field sends it or as a clerk types it, and a query string for the
 * page links. In the root package so that every module's pages can use it without depending on
 * the web module (which would close a cycle through privacy and audit).
 */
public final class FormInput {

    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/uuuu");

    private FormInput() {
    }

    /** The text stripped of blanks; null when nothing is left. */
    public static String trimmed(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    /** An ISO date (what a date field sends) or a US date as typed, MM/DD/YYYY; null if neither. */
    public static LocalDate date(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(s, US_DATE);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** "?a=1&b=2" from name/value pairs, skipping null values; "" when all are null. */
    public static String query(String... namesAndValues) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null) {
                sb.append(sb.isEmpty() ? '?' : '&').append(namesAndValues[i]).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return sb.toString();
    }
}
