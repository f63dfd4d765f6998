package org.custodian.interop.internal.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.primitive.CommonTS;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The segments of a parsed message in message order, whatever groups HAPI put them in (an ORU's
 * OBX under each OBR's ORDER_OBSERVATION, an MDM's OBX under OBXNTE), and field reads on one
 * segment by HAPI's {@link Terser#get(Segment, int, int, int, int)}: values trimmed, empty and
 * {@code ""} as null.
 */
final class Hl7Segments {

    private Hl7Segments() {
    }

    /** Every non-empty segment, in the order of the message. */
    static List<Segment> all(Message message) {
        List<Segment> out = new ArrayList<>();
        try {
            collect(message, out);
        } catch (HL7Exception e) {
            throw AdtProblem.reject(ErrorCode.SEGMENT_SEQUENCE_ERROR, null, 0, "the message's segments cannot be read");
        }
        return out;
    }

    private static void collect(Group group, List<Segment> out) throws HL7Exception {
        for (String name : group.getNames()) {
            for (Structure s : group.getAll(name)) {
                if (s instanceof Segment segment) {
                    if (!segment.isEmpty()) {
                        out.add(segment);
                    }
                } else if (s instanceof Group child) {
                    collect(child, out);
                }
            }
        }
    }

    /** The segments named {@code name}, in message order. */
    static List<Segment> named(List<Segment> segments, String name) {
        return segments.stream().filter(s -> s.getName().equals(name)).toList();
    }

    /** A value: field (from 1), repetition (from 0), component and subcomponent (from 1). */
    static String get(Segment s, int field, int rep, int component, int sub) {
        if (s == null) {
            return null;
        }
        try {
            String v = Terser.get(s, field, rep, component, sub);
            if (v == null) {
                return null;
            }
            v = v.trim();
            return v.isEmpty() || v.equals("\"\"") ? null : v;
        } catch (HL7Exception | RuntimeException e) {
            return null;
        }
    }

    static String get(Segment s, int field, int component) {
        return get(s, field, 0, component, 1);
    }

    static String get(Segment s, int field) {
        return get(s, field, 0, 1, 1);
    }

    /** How many repetitions the field has (0 when absent). */
    static int reps(Segment s, int field) {
        try {
            return s == null ? 0 : s.getField(field).length;
        } catch (HL7Exception | RuntimeException e) {
            return 0;
        }
    }

    /** A point in time (DTM/TS) of component {@code component}, or null when absent; an AE naming the field when malformed. */
    static Instant instant(Segment s, int field, int component) {
        String v = get(s, field, 0, component, 1);
        if (v == null) {
            return null;
        }
        try {
            return new CommonTS(v).getValueAsCalendar().toInstant();
        } catch (DataTypeException | RuntimeException e) {
            throw AdtProblem.error(ErrorCode.DATA_TYPE_ERROR, s.getName(), field, "not a valid date/time (DTM)");
        }
    }

    static Instant instant(Segment s, int field) {
        return instant(s, field, 1);
    }

    /** "Given Family" of an XCN/PPN repetition (components 3 and 2), else its id (component 1); null when empty. */
    static String person(Segment s, int field, int rep) {
        String family = get(s, field, rep, 2, 1);
        String given = get(s, field, rep, 3, 1);
        if (family != null) {
            return given == null ? family : given + " " + family;
        }
        return get(s, field, rep, 1, 1);
    }
}
