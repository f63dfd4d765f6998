package org.custodian.demo.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.custodian.HospitalClock;
import org.custodian.demo.DemoHospital;
import org.custodian.interop.Hl7Inbound;
import org.custodian.patient.NewPatient;
import org.custodian.privacy.Role;
import org.custodian.privacy.SystemAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The laboratory interface's last hours, so that the interface page and the dashboard's "interface
 * errors" tile have something true to show at first start: a basic metabolic panel for each of the
 * patients seen last (applied to their charts), and the two errors an HIM interface analyst meets
 * every week — results sent under an MRN the index does not hold (held FAILED for reprocessing once
 * the registration is found) and a frame without its message control id (REJECTED, AR). Sent through
 * the same receiver as the MLLP listener, as the interface engine.
 */
@Component
class DemoFeed {

    private static final Logger log = LoggerFactory.getLogger(DemoFeed.class);
    /** How many of the patients seen last get a panel. */
    static final int PANELS = 4;
    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ", Locale.US);

    private final Hl7Inbound inbound;
    private final HospitalClock clock;

    DemoFeed(Hl7Inbound inbound, HospitalClock clock) {
        this.inbound = inbound;
        this.clock = clock;
    }

    /** Sends the messages; returns their receipts in order (panels, then the two in error). */
    List<Hl7Inbound.Receipt> send(DemoHospital hospital) {
        List<String> messages = messages(hospital);
        List<Hl7Inbound.Receipt> receipts = SystemAccess.callAs(
                SystemAccess.authentication("demo-lab-interface", Role.INTERFACE_ENGINE),
                () -> messages.stream().map(inbound::receive).toList());
        long errors = receipts.stream().filter(r -> !"PROCESSED".equals(r.status())).count();
        log.info("Demo laboratory feed: {} messages, {} in error", receipts.size(), errors);
        return receipts;
    }

    List<String> messages(DemoHospital hospital) {
        Instant now = clock.instant();
        List<String> out = new ArrayList<>();
        Set<String> mrns = new HashSet<>();
        hospital.registrations().forEach(p -> mrns.add(p.mrn()));
        int n = 0;
        // The most recent visits' patients (those in house first, as they were admitted last).
        List<DemoHospital.Visit> latest = hospital.visits().stream()
                .sorted(java.util.Comparator.comparing((DemoHospital.Visit v) -> v.encounter().admitAt()).reversed()).toList();
        Set<Integer> sent = new HashSet<>();
        for (DemoHospital.Visit v : latest) {
            if (n == PANELS) {
                break;
            }
            if (sent.add(v.registration())) {
                NewPatient p = hospital.registrations().get(v.registration());
                Instant drawn = now.minus(Duration.ofHours(2L + 3L * n));
                out.add(panel(hospital, ++n, p.mrn(), p.familyName(), p.givenName(), drawn, 138 + n % 3, 4.1 + n / 10.0));
            }
        }
        // A panel sent under an MRN the index does not hold: FAILED, held until someone reprocesses it.
        String unknown = "L" + (9_000_000 + (hospital.seed() & 0xFFFF));
        while (mrns.contains(unknown)) {
            unknown = unknown + "9";
        }
        out.add(panel(hospital, ++n, unknown, "Doe", "Pat", now.minus(Duration.ofHours(5)), 141, 3.9));
        // A frame whose sender left out MSH-10 (the message control id): REJECTED.
        out.add(panel(hospital, ++n, unknown, "Doe", "Pat", now.minus(Duration.ofHours(4)), 141, 3.9)
                .replace("|ORU^R01^ORU_R01|" + controlId(hospital, n) + "|", "|ORU^R01^ORU_R01||"));
        return out;
    }

    private static String controlId(DemoHospital hospital, int n) {
        return "DEMOLAB" + Long.toHexString(hospital.seed()).toUpperCase(Locale.ROOT) + "-" + n;
    }

    private String panel(DemoHospital hospital, int n, String mrn, String family, String given, Instant drawn,
                         int sodium, double potassium) {
        String observed = HL7_TIME.format(drawn.atZone(clock.getZone()));
        String resulted = HL7_TIME.format(drawn.plus(Duration.ofMinutes(50)).atZone(clock.getZone()));
        String facility = hospital.facility();
        // The filler order number names the results (their FHIR ids): unique per facility and demo.
        String filler = "DL" + facility + Long.toHexString(hospital.seed()).toUpperCase(Locale.ROOT) + "N" + n;
        return String.join("\r",
                "MSH|^~\\&|LAB|" + facility + "|CUSTODIAN|HIM|" + resulted + "||ORU^R01^ORU_R01|" + controlId(hospital, n)
                        + "|P|2.5.1",
                "PID|1||" + mrn + "^^^" + facility + "^MR||" + family + "^" + given,
                "ORC|RE|P" + filler + "|" + filler + "^" + facility + "LAB",
                "OBR|1|P" + filler + "|" + filler + "^" + facility + "LAB|24320-4^Basic metabolic panel^LN|||" + observed
                        + "||||||||||||||" + resulted + "|||F",
                "OBX|1|NM|2951-2^Sodium [Moles/volume] in Serum or Plasma^LN||" + sodium
                        + "|mmol/L^mmol/L^UCUM|136-145|N|||F|||" + observed,
                "OBX|2|NM|2823-3^Potassium [Moles/volume] in Serum or Plasma^LN||" + String.format(Locale.US, "%.1f", potassium)
                        + "|mmol/L^mmol/L^UCUM|3.5-5.1|N|||F|||" + observed,
                "OBX|3|NM|2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN||0.9|mg/dL^mg/dL^UCUM|0.7-1.3|N|||F|||"
                        + observed) + "\r";
    }
}
