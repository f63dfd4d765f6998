package org.custodian.interop.internal.hl7;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.primitive.CommonTS;
import ca.uhn.hl7v2.util.Terser;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the fields of a parsed ADT message by Terser-style path ("/.PID-3(0)-1": "/." finds a
 * segment at any depth, so the same path serves every ADT structure and version; "/MSH-7" is a
 * segment of the message's root). Problems name the field.
 *
 * <p>Why not {@code Terser.get(path)}: it finds the segment again for every path, matching the
 * path against the names of every group on the way (regular expressions and name arrays), and
 * that search took three quarters of the MLLP listener's CPU (a 37-path message). Here the
 * message's segments are found once, in message order (the first of each name, as Terser's "/."
 * finds), and each field is read with HAPI's {@link Terser#get(Segment, int, int, int, int)}.
 */
final class AdtFields {

    /** Marks a path read and found absent in {@link #values}. */
    private static final String ABSENT = new String("");
    private static final Pattern PATH = Pattern.compile(
            "/(\\.)?([A-Z][A-Z0-9]{2})-(\\d+)(?:\\((\\d+)\\))?(?:-(\\d+))?(?:-(\\d+))?");
    private static final Map<String, Location> LOCATIONS = new ConcurrentHashMap<>();

    /** Where a path points: segment, field, repetition (from 0), component and subcomponent (from 1). */
    private record Location(String segment, boolean anywhere, int field, int repetition, int component,
                            int subcomponent) {

        static Location of(String path) {
            Matcher m = PATH.matcher(path);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a segment field path: " + path);
            }
            return new Location(m.group(2), m.group(1) != null, Integer.parseInt(m.group(3)), number(m.group(4), 0),
                    number(m.group(5), 1), number(m.group(6), 1));
        }

        private static int number(String v, int otherwise) {
            return v == null ? otherwise : Integer.parseInt(v);
        }
    }

    private final Message message;
    /** The first non-empty segment of each name, in message order; found on the first read. */
    private Map<String, Segment> segments;
    /**
     * Values already read by path. The listener reads the paths the applier will need on the
     * connection's thread ({@link #prefetch}) and the applier thread finds them here. Used by one
     * thread at a time (handed over through a queue).
     */
    private final Map<String, String> values = new HashMap<>();

    AdtFields(Message message) {
        this.message = message;
    }

    /** The parsed message, for what a path cannot say (every OBX of a result or a document). */
    Message message() {
        return message;
    }

    /** Reads these paths now, so that later {@link #get} calls are lookups. */
    AdtFields prefetch(Iterable<String> paths) {
        for (String path : paths) {
            get(path);
        }
        return this;
    }

    /** A value, trimmed, or null when absent or empty; a path to a segment the structure lacks is absent too. */
    String get(String path) {
        String known = values.get(path);
        if (known == null) {
            known = read(path);
            values.put(path, known == null ? ABSENT : known);
        }
        return known == ABSENT ? null : known;
    }

    private String read(String path) {
        Location at = LOCATIONS.computeIfAbsent(path, Location::of);
        try {
            Segment segment = at.anywhere() ? segments().get(at.segment()) : root(at.segment());
            if (segment == null) {
                return null;
            }
            String v = Terser.get(segment, at.field(), at.repetition(), at.component(), at.subcomponent());
            if (v == null) {
                return null;
            }
            v = v.trim();
            return v.isEmpty() || v.equals("\"\"") ? null : v;
        } catch (HL7Exception | RuntimeException e) {
            return null;
        }
    }

    private Segment root(String name) throws HL7Exception {
        return message.get(name) instanceof Segment s ? s : null;
    }

    private Map<String, Segment> segments() throws HL7Exception {
        if (segments == null) {
            segments = new HashMap<>();
            collect(message);
        }
        return segments;
    }

    private void collect(Group group) throws HL7Exception {
        for (String name : group.getNames()) {
            for (Structure s : group.getAll(name)) {
                if (s instanceof Segment segment) {
                    if (!segment.isEmpty()) {
                        segments.putIfAbsent(segment.getName(), segment);
                    }
                } else if (s instanceof Group child) {
                    collect(child);
                }
            }
        }
    }

    /** A point in time (DTM/TS with or without offset), or null when absent. */
    Instant instant(String path, String segment, int field) {
        String v = get(path);
        if (v == null) {
            return null;
        }
        try {
            return new CommonTS(v).getValueAsCalendar().toInstant();
        } catch (DataTypeException | RuntimeException e) {
            throw AdtProblem.error(ErrorCode.DATA_TYPE_ERROR, segment, field, "not a valid date/time (DTM)");
        }
    }

    LocalDate date(String path, String segment, int field) {
        String v = get(path);
        if (v == null) {
            return null;
        }
        if (v.length() < 8 || !v.substring(0, 8).chars().allMatch(Character::isDigit)) {
            throw AdtProblem.error(ErrorCode.DATA_TYPE_ERROR, segment, field, "not a date with year, month and day");
        }
        try {
            return LocalDate.of(Integer.parseInt(v.substring(0, 4)), Integer.parseInt(v.substring(4, 6)),
                    Integer.parseInt(v.substring(6, 8)));
        } catch (java.time.DateTimeException e) {
            throw AdtProblem.error(ErrorCode.DATA_TYPE_ERROR, segment, field, "not a valid calendar date");
        }
    }
}
