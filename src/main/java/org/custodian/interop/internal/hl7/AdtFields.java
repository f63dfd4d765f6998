package org.custodian.interop.internal.hl7;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.primitive.CommonTS;
import ca.uhn.hl7v2.util.Terser;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the fields of a parsed ADT message by Terser path ("/." finds a segment at any depth, so
 * the same path serves every ADT structure and version). Problems name the field.
 */
final class AdtFields {

    private final Terser terser;

    AdtFields(Message message) {
        this.terser = new Terser(message);
    }

    /** A value, trimmed, or null when absent or empty; a path to a segment the structure lacks is absent too. */
    String get(String path) {
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
