package org.custodian.interop.internal.hl7;

import java.util.Map;

/** Messages around the result and document samples: the admission that registers their patient. */
final class ResultFeed {

    private ResultFeed() {
    }

    /**
     * An ADT^A01 from {@code facility} (MSH-4, as the samples spell it) registering {@code mrn} and
     * opening visit {@code visit} (null: none).
     */
    static String admission(String facility, String control, String mrn, String visit) {
        String[] pv1 = new String[20];
        java.util.Arrays.fill(pv1, "");
        pv1[0] = "PV1";
        pv1[1] = "1";
        pv1[2] = "I";
        pv1[3] = "4E^401^A";
        pv1[7] = "1234^Welby^Marcus";
        pv1[10] = "MED";
        pv1[19] = visit == null ? "" : visit;
        return "MSH|^~\\&|REG|" + facility + "|CUSTODIAN|HIM|20260301080000||ADT^A01|" + control + "|P|2.5.1\r"
                + "EVN|A01|20260301080000\r"
                + "PID|1||" + mrn + "^^^" + facility + "^MR||" + AdtFeed.person(mrn) + "\r"
                + String.join("|", pv1) + "\r";
    }

    static String mdm(String sample, String control, String mrn, String doc, String visit) {
        return ResultSamples.fill(sample, Map.of("CONTROL", control, "MRN", mrn, "DOC", doc, "VISIT", visit == null ? "" : visit));
    }

    static String oru(String sample, String control, String mrn, String filler) {
        return ResultSamples.fill(sample, Map.of("CONTROL", control, "MRN", mrn, "FILLER", filler));
    }
}
