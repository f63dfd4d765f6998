package org.custodian.interop.internal.fhir;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import org.custodian.web.Fmt;

/**
 * A FHIR search's parameters, checked against the parameters each resource type supports (the
 * CapabilityStatement lists the same): any other parameter is refused with a 400 OperationOutcome
 * naming it, never silently ignored (FHIR R4 §3.1.1.4.4, "handling errors").
 */
final class SearchParams {

    static final int DEFAULT_COUNT = 20;
    static final int MAX_COUNT = 100;
    private static final Set<String> PAGING = Set.of("_count", "_offset", "_format", "_sort");

    /** Search parameters and sort keys per resource type: nothing else is accepted. */
    static final Map<String, Set<String>> SEARCH = Map.of(
            "Patient", Set.of("identifier", "name", "family", "given", "birthdate", "gender"),
            "Encounter", Set.of("patient", "date", "status"),
            "Condition", Set.of("patient", "encounter"),
            "Procedure", Set.of("patient", "encounter"),
            "DocumentReference", Set.of("patient", "type", "date"));
    static final Map<String, Set<String>> SORT = Map.of(
            "Patient", Set.of("family"),
            "Encounter", Set.of("date", "-date"),
            "Condition", Set.of(),
            "Procedure", Set.of(),
            "DocumentReference", Set.of("date", "-date"));

    /** The request's search parameters, each checked against {@link #SEARCH} and the paging parameters. */
    static SearchParams of(String type, HttpServletRequest request) {
        Set<String> allowed = SEARCH.get(type);
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            String name = e.getKey();
            if (!allowed.contains(name) && !PAGING.contains(name)) {
                throw FhirSearchException.badParameter(name, "not a supported search parameter of " + type
                        + " (supported: " + String.join(", ", allowed.stream().sorted().toList()) + ", _count, _offset, _sort)");
            }
            if (e.getValue().length > 1 && !name.equals("date")) {
                throw FhirSearchException.badParameter(name, "given more than once");
            }
        }
        return new SearchParams(type, request);
    }

    final Map<String, String[]> values;
    final int count;
    final int offset;
    final String sort;

    private SearchParams(String type, HttpServletRequest request) {
        this.values = request.getParameterMap();
        this.count = integer("_count", DEFAULT_COUNT, 1, MAX_COUNT);
        this.offset = integer("_offset", 0, 0, 1_000_000);
        this.sort = one("_sort");
        if (sort != null && !SORT.get(type).contains(sort)) {
            throw FhirSearchException.badParameter("_sort", "not a supported sort of " + type
                    + (SORT.get(type).isEmpty() ? " (none is)" : " (supported: " + String.join(", ", SORT.get(type).stream().sorted().toList()) + ")"));
        }
    }

    String one(String name) {
        String[] v = values.get(name);
        if (v == null || v.length == 0) {
            return null;
        }
        if (v[0].isBlank()) {
            throw FhirSearchException.badParameter(name, "empty");
        }
        return v[0].trim();
    }

    private int integer(String name, int fallback, int min, int max) {
        String v = one(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw FhirSearchException.badParameter(name, "between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw FhirSearchException.badParameter(name, "an integer");
        }
    }

    Long reference(String name, String type) {
        String v = one(name);
        if (v == null) {
            return null;
        }
        String id = v.startsWith(type + "/") ? v.substring(type.length() + 1) : v;
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw FhirSearchException.badParameter(name, "a " + type + " id or " + type + "/id");
        }
    }

    /** date=ge2024-01-01&date=lt2025-01-01: [from inclusive, to exclusive]; eq or no prefix is that day. */
    Instant[] dateRange(String name) {
        return dateRange(name, values.get(name));
    }

    /** As {@link #dateRange(String)} for the given values (null: no bound). */
    static Instant[] dateRange(String name, String[] vs) {
        Instant[] range = new Instant[2];
        if (vs == null) {
            return range;
        }
        for (String v : vs) {
            String prefix = v.length() > 2 && Character.isLetter(v.charAt(0)) ? v.substring(0, 2) : "eq";
            String value = v.length() > 2 && Character.isLetter(v.charAt(0)) ? v.substring(2) : v;
            Instant start;
            Instant end;
            try {
                if (value.length() == 10) {
                    LocalDate day = LocalDate.parse(value);
                    // A date without a time is a day at the hospital (FHIR R4 search, date precision).
                    start = day.atStartOfDay(Fmt.zone()).toInstant();
                    end = day.plusDays(1).atStartOfDay(Fmt.zone()).toInstant();
                } else {
                    start = OffsetDateTime.parse(value).toInstant();
                    end = start.plusMillis(1);
                }
            } catch (DateTimeParseException e) {
                throw FhirSearchException.badParameter(name, "a date YYYY-MM-DD or date-time with offset, with an optional prefix eq, ge, gt, le, lt");
            }
            // Repeated, the parameter's values are ANDed (FHIR R4 search 3.1.1.4.2): each narrows the range.
            switch (prefix) {
                case "eq" -> {
                    range[0] = later(range[0], start);
                    range[1] = earlier(range[1], end);
                }
                case "ge" -> range[0] = later(range[0], start);
                case "gt" -> range[0] = later(range[0], end);
                case "le" -> range[1] = earlier(range[1], end);
                case "lt" -> range[1] = earlier(range[1], start);
                default -> throw FhirSearchException.badParameter(name, "prefix " + prefix + " is not supported (eq, ge, gt, le, lt)");
            }
        }
        return range;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    /** An integer request parameter within [min, max]. */
    static int integer(HttpServletRequest request, String name, int fallback, int min, int max) {
        String v = request.getParameter(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw FhirSearchException.badParameter(name, "between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw FhirSearchException.badParameter(name, "an integer");
        }
    }

    String queryWithOffset(int newOffset) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String[]> e : values.entrySet()) {
            if (e.getKey().equals("_offset")) {
                continue;
            }
            for (String v : e.getValue()) {
                sb.append(sb.isEmpty() ? "" : "&").append(encode(e.getKey())).append('=').append(encode(v));
            }
        }
        return sb.append(sb.isEmpty() ? "" : "&").append("_offset=").append(newOffset).toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
