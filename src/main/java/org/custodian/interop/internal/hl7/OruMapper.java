package org.custodian.interop.internal.hl7;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * An ORU^R01 as FHIR R4 resources (HAPI FHIR's structures): per OBR a {@code DiagnosticReport},
 * per OBX an {@code Observation} with its value (OBX-2/5), unit (OBX-6), reference range (OBX-7),
 * abnormal flags (OBX-8 as interpretations) and status (OBX-11), in a collection Bundle. Pure: no
 * database, no Spring; the patient is given as Custodian's MRN at the sending facility and
 * referred to by that identifier.
 *
 * <p>Ids are derived from what the sender uses to identify a result, so that a later message
 * about the same result maps to the same resource: the report's from the facility and the filler
 * order number (OBR-3, else the placer's OBR-2, else ORC-3/ORC-2), an observation's from its
 * report's and its code (OBX-3) and sub-id (OBX-4). A correction (OBX-11 C) thus replaces the
 * result it corrects: same id, status {@code corrected}.
 */
final class OruMapper {

    static final String MRN_SYSTEM = "urn:custodian:mrn:";
    /** The sending facility's filler order numbers. */
    static final String FILLER_SYSTEM = "urn:custodian:hl7v2:filler-order:";
    static final String OBSERVATION_SYSTEM = "urn:custodian:hl7v2:observation:";
    static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    static final String V2_0078 = "http://terminology.hl7.org/CodeSystem/v2-0078";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String V2_0074 = "http://terminology.hl7.org/CodeSystem/v2-0074";
    static final String UCUM = "http://unitsofmeasure.org";

    /** HL7 table 0078 flags that have the same code in FHIR's ObservationInterpretation. */
    private static final java.util.Set<String> V3_FLAGS = java.util.Set.of("L", "H", "LL", "HH", "<", ">", "N", "A",
            "AA", "U", "D", "B", "W", "S", "R", "I", "MS", "VS", "IND", "E", "EX", "HX", "LX", "NEG", "POS", "NR", "RR",
            "HU", "LU", "CAR", "DET", "ND", "QCF", "TOX", "WR");
    private static final Map<String, String> FLAG_TEXT = Map.ofEntries(Map.entry("L", "Low"), Map.entry("H", "High"),
            Map.entry("LL", "Critical low"), Map.entry("HH", "Critical high"), Map.entry("N", "Normal"),
            Map.entry("A", "Abnormal"), Map.entry("AA", "Critical abnormal"), Map.entry("<", "Off scale low"),
            Map.entry(">", "Off scale high"), Map.entry("S", "Susceptible"), Map.entry("R", "Resistant"),
            Map.entry("I", "Intermediate"), Map.entry("POS", "Positive"), Map.entry("NEG", "Negative"));
    private static final Pattern RANGE = Pattern.compile("\\s*(-?[0-9]*\\.?[0-9]+)\\s*(?:-|–|to)\\s*(-?[0-9]*\\.?[0-9]+)\\s*");
    private static final Pattern BOUND = Pattern.compile("\\s*(<=|>=|<|>)\\s*(-?[0-9]*\\.?[0-9]+)\\s*");

    private OruMapper() {
    }

    /** What a message maps to: the bundle, and its reports and observations for the tests and the log. */
    record Mapped(Bundle bundle, List<DiagnosticReport> reports, List<Observation> observations) {
    }

    /**
     * Maps the message. Throws an {@link AdtProblem} naming the field for what cannot be mapped: no
     * OBR, an OBR without any order number, an OBX without a code, a numeric value that is not a
     * number.
     */
    static Mapped map(Message message, String facility, String mrn) {
        List<Segment> segments = Hl7Segments.all(message);
        Reference subject = new Reference("Patient?identifier=" + MRN_SYSTEM + facility + "|" + mrn);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        List<DiagnosticReport> reports = new ArrayList<>();
        List<Observation> observations = new ArrayList<>();
        Segment orc = null;
        DiagnosticReport report = null;
        String reportKey = null;
        Segment obr = null;
        for (Segment s : segments) {
            switch (s.getName()) {
                case "ORC" -> orc = s;
                case "OBR" -> {
                    obr = s;
                    reportKey = orderNumber(obr, orc);
                    report = report(obr, facility, reportKey, subject);
                    reports.add(report);
                    add(bundle, report);
                }
                case "OBX" -> {
                    if (report == null) {
                        // An OBX before any OBR: the patient-level observations of ORU_R01's PATIENT group.
                        throw AdtProblem.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, "OBX", 1,
                                "an observation outside an order (OBR) is not taken");
                    }
                    Observation o = observation(s, obr, facility, reportKey, subject, observations.size());
                    observations.add(o);
                    report.addResult(new Reference("Observation/" + o.getIdElement().getIdPart()));
                    add(bundle, o);
                }
                default -> {
                    // PID, PV1, NTE, SPM, ... : the patient is given; notes and specimens are not mapped yet
                }
            }
        }
        if (reports.isEmpty()) {
            throw AdtProblem.error(ErrorCode.REQUIRED_FIELD_MISSING, "OBR", 0, "a result message needs an OBR");
        }
        return new Mapped(bundle, reports, observations);
    }

    private static void add(Bundle bundle, org.hl7.fhir.r4.model.Resource r) {
        bundle.addEntry().setFullUrl(r.fhirType() + "/" + r.getIdElement().getIdPart()).setResource(r);
    }

    /** Filler order number (OBR-3, ORC-3), else placer (OBR-2, ORC-2): "number^namespace". */
    private static String orderNumber(Segment obr, Segment orc) {
        for (Object[] at : new Object[][] {{obr, 3}, {orc, 3}, {obr, 2}, {orc, 2}}) {
            Segment s = (Segment) at[0];
            int f = (Integer) at[1];
            String id = Hl7Segments.get(s, f, 1);
            if (id != null) {
                String ns = Hl7Segments.get(s, f, 2);
                return (f == 3 ? "F:" : "P:") + (ns == null ? id : id + "^" + ns);
            }
        }
        throw AdtProblem.error(ErrorCode.REQUIRED_FIELD_MISSING, "OBR", 3, "no filler or placer order number (OBR-3, OBR-2)");
    }

    private static DiagnosticReport report(Segment obr, String facility, String key, Reference subject) {
        DiagnosticReport r = new DiagnosticReport();
        r.setId(id("DiagnosticReport", facility, key));
        r.addIdentifier(new Identifier().setSystem(FILLER_SYSTEM + facility).setValue(key.substring(2)));
        r.setStatus(reportStatus(Hl7Segments.get(obr, 25)));
        String section = Hl7Segments.get(obr, 24);
        r.addCategory(new CodeableConcept(new Coding(V2_0074, section == null ? "LAB" : section, null)));
        CodeableConcept code = coded(obr, 4, 0);
        if (code == null) {
            throw AdtProblem.error(ErrorCode.REQUIRED_FIELD_MISSING, "OBR", 4, "the universal service identifier is required");
        }
        r.setCode(code);
        r.setSubject(subject.copy());
        Instant observed = Hl7Segments.instant(obr, 7);
        if (observed != null) {
            r.setEffective(new DateTimeType(Date.from(observed)));
        }
        Instant reported = Hl7Segments.instant(obr, 22);
        if (reported != null) {
            r.setIssued(Date.from(reported));
        }
        return r;
    }

    private static Observation observation(Segment obx, Segment obr, String facility, String reportKey,
                                           Reference subject, int index) {
        Observation o = new Observation();
        CodeableConcept code = coded(obx, 3, 0);
        if (code == null) {
            throw AdtProblem.error(ErrorCode.REQUIRED_FIELD_MISSING, "OBX", 3, "the observation identifier is required");
        }
        String codeKey = Hl7Segments.get(obx, 3, 1) + "^" + nz(Hl7Segments.get(obx, 3, 3));
        String sub = nz(Hl7Segments.get(obx, 4));
        o.setId(id("Observation", facility, reportKey + "|" + codeKey + "|" + sub));
        o.addIdentifier(new Identifier().setSystem(OBSERVATION_SYSTEM + facility)
                .setValue(reportKey.substring(2) + "|" + codeKey + (sub.isEmpty() ? "" : "|" + sub)));
        o.setStatus(observationStatus(Hl7Segments.get(obx, 11)));
        o.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "laboratory", "Laboratory")));
        o.setCode(code);
        o.setSubject(subject.copy());
        Instant observed = Hl7Segments.instant(obx, 14);
        if (observed == null) {
            observed = Hl7Segments.instant(obr, 7);
        }
        if (observed != null) {
            o.setEffective(new DateTimeType(Date.from(observed)));
        }
        Instant issued = Hl7Segments.instant(obr, 22);
        if (issued != null) {
            o.setIssued(Date.from(issued));
        }
        value(o, obx);
        String range = Hl7Segments.get(obx, 7);
        if (range != null) {
            o.addReferenceRange(referenceRange(range, unit(obx)));
        }
        for (int rep = 0; rep < Hl7Segments.reps(obx, 8); rep++) {
            String flag = Hl7Segments.get(obx, 8, rep, 1, 1);
            if (flag != null) {
                o.addInterpretation(interpretation(flag));
            }
        }
        return o;
    }

    /** OBX-5 by its type OBX-2: NM and SN as quantities, CE/CWE as codes, dates as dates, the rest as text. */
    private static void value(Observation o, Segment obx) {
        String type = nz(Hl7Segments.get(obx, 2));
        if (Hl7Segments.get(obx, 5) == null && Hl7Segments.get(obx, 5, 2) == null) {
            return; // no value: a result to follow, or a cancelled one
        }
        switch (type) {
            case "NM" -> {
                Quantity q = quantity(Hl7Segments.get(obx, 5), "OBX", 5);
                unitInto(q, obx);
                o.setValue(q);
            }
            case "SN" -> o.setValue(structuredNumeric(obx));
            case "CE", "CWE", "CNE" -> o.setValue(coded(obx, 5, 0));
            case "DT", "TS", "DTM" -> o.setValue(new DateTimeType(Date.from(Hl7Segments.instant(obx, 5))));
            default -> {
                // ST, TX, FT and anything else: the text, every repetition on a line of its own
                StringBuilder text = new StringBuilder();
                for (int rep = 0; rep < Math.max(1, Hl7Segments.reps(obx, 5)); rep++) {
                    String v = Hl7Segments.get(obx, 5, rep, 1, 1);
                    if (v != null) {
                        text.append(text.isEmpty() ? "" : "\n").append(v);
                    }
                }
                o.setValue(new StringType(text.toString()));
            }
        }
    }

    /** SN: comparator^num1^separator^num2 ("<^5", "^1^:^128", "^10^-^20"). */
    private static org.hl7.fhir.r4.model.Type structuredNumeric(Segment obx) {
        String comparator = Hl7Segments.get(obx, 5, 1);
        String n1 = Hl7Segments.get(obx, 5, 2);
        String separator = Hl7Segments.get(obx, 5, 3);
        String n2 = Hl7Segments.get(obx, 5, 4);
        if (n1 == null) {
            throw AdtProblem.error(ErrorCode.DATA_TYPE_ERROR, "OBX", 5, "a structured numeric (SN) needs its first number");
        }
        if (separator == null || n2 == null) {
            Quantity q = quantity(n1, "OBX", 5);
            if (comparator != null) {
                q.setComparator(switch (comparator) {
                    case "<" -> Quantity.QuantityComparator.LESS_THAN;
                    case "<=" -> Quantity.QuantityComparator.LESS_OR_EQUAL;
                    case ">" -> Quantity.QuantityComparator.GREATER_THAN;
                    case ">=" -> Quantity.QuantityComparator.GREATER_OR_EQUAL;
                    default -> null;
                });
            }
            unitInto(q, obx);
            return q;
        }
        if (separator.equals("-")) {
            Quantity low = quantity(n1, "OBX", 5);
            Quantity high = quantity(n2, "OBX", 5);
            unitInto(low, obx);
            unitInto(high, obx);
            return new Range().setLow(low).setHigh(high);
        }
        // a ratio (":" or "/"), as titers are sent: numerator and denominator
        return new org.hl7.fhir.r4.model.Ratio().setNumerator(quantity(n1, "OBX", 5))
                .setDenominator(quantity(n2, "OBX", 5));
    }

    private static Quantity quantity(String number, String segment, int field) {
        try {
            return new Quantity().setValue(new BigDecimal(number.trim()));
        } catch (NumberFormatException e) {
            throw AdtProblem.error(ErrorCode.DATA_TYPE_ERROR, segment, field, "a numeric (NM) value that is not a number");
        }
    }

    private record Unit(String code, String text, String system) {
    }

    private static Unit unit(Segment obx) {
        String code = Hl7Segments.get(obx, 6, 1);
        if (code == null) {
            return null;
        }
        String text = Hl7Segments.get(obx, 6, 2);
        String system = Hl7Segments.get(obx, 6, 3);
        boolean ucum = system != null && (system.equalsIgnoreCase("UCUM") || system.equalsIgnoreCase("ISO+")
                || system.equalsIgnoreCase("ANS+"));
        return new Unit(code, text == null ? code : text, ucum ? UCUM : null);
    }

    private static void unitInto(Quantity q, Segment obx) {
        Unit u = unit(obx);
        if (u != null) {
            q.setUnit(u.text()).setCode(u.code());
            if (u.system() != null) {
                q.setSystem(u.system());
            }
        }
    }

    /** "3.5-5.0", "<5", ">=10" as bounds (in the result's unit); anything else as text. */
    static Observation.ObservationReferenceRangeComponent referenceRange(String text, Unit unit) {
        Observation.ObservationReferenceRangeComponent r = new Observation.ObservationReferenceRangeComponent();
        Matcher m = RANGE.matcher(text);
        Matcher b = BOUND.matcher(text);
        if (m.matches()) {
            r.setLow(bound(m.group(1), unit));
            r.setHigh(bound(m.group(2), unit));
        } else if (b.matches()) {
            if (b.group(1).startsWith("<")) {
                r.setHigh(bound(b.group(2), unit));
            } else {
                r.setLow(bound(b.group(2), unit));
            }
            r.setText(text.trim());
        } else {
            r.setText(text.trim());
        }
        return r;
    }

    private static org.hl7.fhir.r4.model.SimpleQuantity bound(String number, Unit unit) {
        org.hl7.fhir.r4.model.SimpleQuantity q = new org.hl7.fhir.r4.model.SimpleQuantity();
        q.setValue(new BigDecimal(number));
        if (unit != null) {
            q.setUnit(unit.text()).setCode(unit.code());
            if (unit.system() != null) {
                q.setSystem(unit.system());
            }
        }
        return q;
    }

    /** An OBX-8 abnormal flag (HL7 table 0078) as FHIR's ObservationInterpretation, which keeps v2's codes. */
    static CodeableConcept interpretation(String flag) {
        String system = V3_FLAGS.contains(flag) ? INTERPRETATION : V2_0078;
        return new CodeableConcept(new Coding(system, flag, FLAG_TEXT.get(flag)));
    }

    /** OBR-25 (HL7 table 0123) as a DiagnosticReport status. */
    static DiagnosticReport.DiagnosticReportStatus reportStatus(String code) {
        if (code == null) {
            return DiagnosticReport.DiagnosticReportStatus.UNKNOWN;
        }
        return switch (code) {
            case "F" -> DiagnosticReport.DiagnosticReportStatus.FINAL;
            case "C" -> DiagnosticReport.DiagnosticReportStatus.CORRECTED;
            case "P", "R" -> DiagnosticReport.DiagnosticReportStatus.PRELIMINARY;
            case "A" -> DiagnosticReport.DiagnosticReportStatus.PARTIAL;
            case "X" -> DiagnosticReport.DiagnosticReportStatus.CANCELLED;
            case "I", "O", "S" -> DiagnosticReport.DiagnosticReportStatus.REGISTERED;
            default -> DiagnosticReport.DiagnosticReportStatus.UNKNOWN;
        };
    }

    /** OBX-11 (HL7 table 0085) as an Observation status; C (a correction) is {@code corrected}. */
    static Observation.ObservationStatus observationStatus(String code) {
        if (code == null) {
            return Observation.ObservationStatus.UNKNOWN;
        }
        return switch (code) {
            case "F", "U" -> Observation.ObservationStatus.FINAL;
            case "C" -> Observation.ObservationStatus.CORRECTED;
            case "P", "R", "S" -> Observation.ObservationStatus.PRELIMINARY;
            case "I", "O" -> Observation.ObservationStatus.REGISTERED;
            case "X", "N" -> Observation.ObservationStatus.CANCELLED;
            case "D", "W" -> Observation.ObservationStatus.ENTEREDINERROR;
            default -> Observation.ObservationStatus.UNKNOWN;
        };
    }

    /** A CWE/CE field (code^text^system^altCode^altText^altSystem) as a CodeableConcept; null when empty. */
    private static CodeableConcept coded(Segment s, int field, int rep) {
        String code = Hl7Segments.get(s, field, rep, 1, 1);
        String text = Hl7Segments.get(s, field, rep, 2, 1);
        if (code == null && text == null) {
            return null;
        }
        CodeableConcept c = new CodeableConcept();
        if (code != null) {
            c.addCoding(new Coding(system(Hl7Segments.get(s, field, rep, 3, 1)), code, text));
        }
        String alt = Hl7Segments.get(s, field, rep, 4, 1);
        if (alt != null) {
            c.addCoding(new Coding(system(Hl7Segments.get(s, field, rep, 6, 1)), alt, Hl7Segments.get(s, field, rep, 5, 1)));
        }
        if (text != null) {
            c.setText(text);
        }
        return c;
    }

    /** HL7 table 0396 coding system names as FHIR system URIs. */
    static String system(String v2) {
        if (v2 == null) {
            return null;
        }
        return switch (v2) {
            case "LN" -> "http://loinc.org";
            case "SCT", "SNM", "SNM3", "SNOMED" -> "http://snomed.info/sct";
            case "UCUM" -> UCUM;
            case "I10", "ICD10" -> "http://hl7.org/fhir/sid/icd-10";
            case "I10C", "ICD10CM" -> "http://hl7.org/fhir/sid/icd-10-cm";
            case "I9C", "I9CDX" -> "http://hl7.org/fhir/sid/icd-9-cm";
            case "C4", "CPT" -> "http://www.ama-assn.org/go/cpt";
            default -> v2.startsWith("HL7") && v2.length() == 7
                    ? "http://terminology.hl7.org/CodeSystem/v2-" + v2.substring(3)
                    : "urn:custodian:hl7v2:coding-system:" + v2.replaceAll("[^A-Za-z0-9._-]", "_");
        };
    }

    /** A FHIR id (at most 64 of [A-Za-z0-9.-]) derived from the sender's identity of the result. */
    static String id(String type, String facility, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((type + "\u0000" + facility + "\u0000" + key).getBytes(StandardCharsets.UTF_8));
            return "hl7v2-" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nz(String v) {
        return v == null ? "" : v;
    }
}
