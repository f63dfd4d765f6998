package org.custodian.interop.internal.hl7;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.primitive.CommonTS;
import ca.uhn.hl7v2.util.Terser;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the fields of a parsed ADT message by Terser path ("/." finds a segment at any depth, so
 * the same path serves every ADT structure and version). Problems name the field.
 */
final class AdtFields {

    /** Marks a path read and found absent in {@link #values}. */
    private static final String ABSENT = new String("");

    private final Terser terser;
    /**
     * Values already read by path. A Terser lookup walks HAPI's structure and costs more than the
     * database round trip it feeds, so the listener reads the paths the applier will need on the
     * connection's thread ({@link #prefetch}) and the applier thread finds them here. Used by one
     * thread at a time (handed over through a queue).
     */
    private final Map<String, String> values = new HashMap<>();

    AdtFields(Message message) {
        this.terser = new Terser(message);
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
        try {
            String v = terser.get(path);
            if (v == null) {
                return null;
            }
            v = v.trim();
            return v.isEmpty() || v.equals("\"\"") ? null : v;
        } catch (HL7Exception | RuntimeException e) {
            return null;
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
