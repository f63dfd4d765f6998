package org.custodian.interop.internal.hl7;

import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic ADT feed for the crash test: per patient an A01 (admit, no visit number, so that an
 * admission applied twice would leave two encounters) and then its A03 (discharge of the
 * encounter in progress, which a second application would answer AE). Compact v2.5.1 messages
 * with unique control ids and MRNs.
 */
final class AdtFeed {

    record Sent(String controlId, String mrn, String message) {
    }

    private AdtFeed() {
    }

    static List<Sent> admitsAndDischarges(String run, int patients) {
        List<Sent> feed = new ArrayList<>(patients * 2);
        for (int i = 0; i < patients; i++) {
            String mrn = run + "-" + i;
            feed.add(new Sent(run + "A" + i, mrn, message("A01", run + "A" + i, mrn)));
            feed.add(new Sent(run + "D" + i, mrn, message("A03", run + "D" + i, mrn)));
        }
        return feed;
    }

    /**
     * PID-5 to PID-13 of a person of its own for each MRN: a feed of identical people would make
     * every admission a likely duplicate of all the others in the MPI's registration check.
     */
    static String person(String mrn) {
        int h = mrn.hashCode() & 0x7fffffff;
        StringBuilder family = new StringBuilder("Crash");
        for (int n = h; n > 0; n /= 26) {
            family.append((char) ('a' + n % 26));
        }
        String[] given = {"Tess", "Omar", "Lena", "Ivan", "Rosa", "Kofi", "Mei", "Nils"};
        java.time.LocalDate dob = java.time.LocalDate.of(1930, 1, 1).plusDays(h % 30_000);
        return family + "^" + given[h % given.length] + "^Q||" + dob.toString().replace("-", "") + "|" + (h % 2 == 0 ? "F" : "M")
                + "|||" + (1 + h % 9000) + " Main St^^Springfield^IL^62701||217-555-" + String.format("%04d", h % 10_000);
    }

    static String message(String event, String control, String mrn) {
        String[] pv1 = new String[46];
        java.util.Arrays.fill(pv1, "");
        pv1[0] = "PV1";
        pv1[1] = "1";
        pv1[2] = "I";
        pv1[3] = "4E^401^A";
        pv1[7] = "1234^Welby^Marcus";
        pv1[10] = "MED";
        pv1[44] = "20260101120000+0000";
        if (event.equals("A03")) {
            pv1[45] = "20260103090000+0000";
        }
        return "MSH|^~\\&|CRASHTEST|CRASHFAC|CUSTODIAN|HIM|20260101120000||ADT^" + event + "|" + control + "|P|2.5.1\r"
                + "EVN|" + event + "|20260101120000\r"
                + "PID|1||" + mrn + "^^^CRASHFAC^MR||" + person(mrn) + "\r"
                + String.join("|", pv1) + "\r";
    }
}
