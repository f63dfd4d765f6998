package org.custodian.demo.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewEncounter;
import org.custodian.coding.CodingHistory;
import org.custodian.coding.FiscalYear;
import org.custodian.coding.CodingHistory.PriorCode;
import org.custodian.coding.CodingHistory.PriorCoding;
import org.custodian.demo.DemoHospital;

/**
 * The demo hospital's coded past, so that its worklist and DNFB look like a real department's
 * rather than two years of untouched visits: visits discharged more than {@link #CODED_AFTER_DAYS}
 * days before the demo's instant are final-coded by the demo coder a few working days after discharge,
 * one chart after another as a coder works a queue (except about 1.5% of the last month's, held for a
 * physician query as happens everywhere), those of the last days partly, the newest not at all.
 * The codes are what a coder would assign to each clinical picture of {@link Catalog} (ICD-10-CM
 * FY2025/FY2026; ICD-10-PCS for inpatient procedures only, outpatient ones being CPT's); the coding
 * module keeps only codings whose every code is billable for the discharge's fiscal year.
 */
final class DemoCoding {

    /** A department keeping up codes within about a week; DNFB is what is newer (or held). */
    static final int CODED_AFTER_DAYS = 10;

    record Codes(List<String> diagnoses, List<String> procedures) {
    }

    private static Codes dx(String... codes) {
        return new Codes(List.of(codes), List.of());
    }

    private static Codes dxPx(List<String> dx, String... px) {
        return new Codes(dx, List.of(px));
    }

    /**
     * By the diagnosis of {@link Catalog#CONDITIONS}: principal (first-listed) first. A code that CMS
     * changed between the two fiscal years the demo spans is written {@code FY2025/FY2026-on}.
     */
    static final Map<String, Codes> BY_DIAGNOSIS = Map.ofEntries(
            Map.entry("community-acquired pneumonia of the right lower lobe", dx("J18.9")),
            Map.entry("sepsis due to Escherichia coli urinary tract infection", dx("A41.51", "N39.0")),
            Map.entry("acute exacerbation of chronic obstructive pulmonary disease", dx("J44.1")),
            Map.entry("upper gastrointestinal bleeding from a duodenal ulcer", dxPx(List.of("K26.4", "D62", "B96.81"), "0DB98ZX")),
            Map.entry("acute kidney injury due to volume depletion", dx("N17.9", "E86.9")),
            Map.entry("cellulitis of the left lower leg", dx("L03.116")),
            Map.entry("diabetic ketoacidosis", dx("E11.10")),
            Map.entry("non-ST-elevation myocardial infarction", dx("I21.4")),
            Map.entry("acute on chronic systolic heart failure", dx("I50.23")),
            Map.entry("atrial fibrillation with rapid ventricular response", dx("I48.91")),
            Map.entry("acute appendicitis", dxPx(List.of("K35.80"), "0DTJ4ZZ")),
            Map.entry("acute calculous cholecystitis", dxPx(List.of("K80.00"), "0FT44ZZ")),
            Map.entry("small bowel obstruction due to adhesions", dx("K56.50")),
            Map.entry("perforated sigmoid diverticulitis", dxPx(List.of("K57.20"), "0DTN0ZZ", "0D1M0Z4")),
            Map.entry("closed intertrochanteric fracture of the right femur", dxPx(List.of("S72.141A", "W19.XXXA"), "0QS606Z")),
            Map.entry("primary osteoarthritis of the left knee", dxPx(List.of("M17.12"), "0SRD0J9")),
            Map.entry("primary osteoarthritis of the right hip", dxPx(List.of("M16.11"), "0SR90J9")),
            Map.entry("term pregnancy delivered by spontaneous vaginal delivery", dxPx(List.of("O80", "Z37.0", "Z3A.39"), "10E0XZZ")),
            Map.entry("term pregnancy with arrest of dilation, delivered by cesarean section",
                    dxPx(List.of("O62.1", "Z37.0", "Z3A.39"), "10D00Z1")),
            Map.entry("preeclampsia with severe features at 36 weeks", dxPx(List.of("O14.14", "Z37.0", "Z3A.36"), "10E0XZZ")),
            Map.entry("major depressive disorder, recurrent, severe without psychotic features", dx("F33.2")),
            Map.entry("bipolar I disorder, current episode manic, severe", dx("F31.13")),
            Map.entry("alcohol withdrawal", dx("F10.239")),
            Map.entry("bronchiolitis due to respiratory syncytial virus", dx("J21.0")),
            Map.entry("acute asthma exacerbation", dx("J45.901")),
            Map.entry("dehydration due to viral gastroenteritis", dx("A08.4", "E86.0")),
            Map.entry("follow-up of hypertension and type 2 diabetes mellitus", dx("E11.9", "I10")),
            Map.entry("annual wellness visit", dx("Z00.00")),
            Map.entry("hyperlipidemia", dx("E78.5")),
            Map.entry("stable angina", dx("I20.9")),
            Map.entry("follow-up after myocardial infarction", dx("I25.2")),
            Map.entry("right carpal tunnel syndrome", dx("G56.01")),
            Map.entry("sprain of the left ankle", dx("S93.402A")),
            Map.entry("reducible right inguinal hernia", dx("K40.90")),
            Map.entry("postoperative check", dx("Z09")),
            Map.entry("routine prenatal care", dx("Z34.90")),
            Map.entry("generalized anxiety disorder", dx("F41.1")),
            Map.entry("well-child visit", dx("Z00.129")),
            Map.entry("acute otitis media of the right ear", dx("H66.91")),
            Map.entry("laceration of the left hand without foreign body", dx("S61.412A")),
            Map.entry("chest pain, non-cardiac", dx("R07.89")),
            Map.entry("migraine without aura", dx("G43.009")),
            Map.entry("closed fracture of the distal radius", dx("S52.509A")),
            Map.entry("acute low back strain", dx("S39.012A")),
            // FY2026 split T78.1 by food: "other" food reactions moved to T78.19XA.
            Map.entry("allergic reaction with urticaria", dx("T78.1XXA/T78.19XA", "L50.0")),
            Map.entry("acute cystitis", dx("N30.00")),
            Map.entry("croup", dx("J05.0")));

    /** By {@link Catalog#CHRONIC} name: reported as secondary diagnoses. */
    static final Map<String, String> CHRONIC = Map.ofEntries(
            Map.entry("hypertension", "I10"),
            Map.entry("type 2 diabetes mellitus", "E11.9"),
            Map.entry("hyperlipidemia", "E78.5"),
            Map.entry("coronary artery disease", "I25.10"),
            Map.entry("chronic obstructive pulmonary disease", "J44.9"),
            Map.entry("asthma", "J45.909"),
            Map.entry("gastroesophageal reflux disease", "K21.9"),
            Map.entry("hypothyroidism", "E03.9"),
            Map.entry("chronic kidney disease stage 3", "N18.30"),
            Map.entry("paroxysmal atrial fibrillation", "I48.0"),
            Map.entry("major depressive disorder", "F32.9"),
            Map.entry("osteoarthritis", "M19.90"),
            Map.entry("obesity", "E66.9"));

    static final String CODER = DemoStaff.username(org.custodian.privacy.Role.CODER);

    private DemoCoding() {
    }

    /**
     * The codings of the visits coded by {@code asOf}, for the loaded encounter ids (in visit order).
     * Deterministic for the seed: the same hospital gets the same coding history. Office hours are
     * the hospital's {@code zone}; the fiscal year is judged in {@code fiscalZone}, as the coding module does.
     */
    static List<PriorCoding> codings(DemoHospital hospital, List<Long> encounterIds, ZoneId zone, ZoneId fiscalZone) {
        Random random = new Random(hospital.seed() * 31 + 5);
        record Work(int visit, int minutes, int gap) {
        }
        // Which visits are coded, and on which working day.
        java.util.TreeMap<LocalDate, List<Work>> byDay = new java.util.TreeMap<>();
        for (int i = 0; i < hospital.visits().size(); i++) {
            DemoHospital.Visit v = hospital.visits().get(i);
            NewEncounter e = v.encounter();
            // Drawn for every visit, coded or not, so that one visit's draw does not shift the next's.
            int roll = random.nextInt(1000);
            int lagDays = 1 + random.nextInt(5);
            // A coder's time per chart: an inpatient stay takes far longer than a clinic or ED visit.
            int minutes = switch (e.encounterClass()) {
                case INPATIENT -> 20 + random.nextInt(26);
                case EMERGENCY -> 5 + random.nextInt(8);
                case OUTPATIENT -> 4 + random.nextInt(7);
            };
            int gap = 1 + random.nextInt(5);
            if (e.dischargeAt() == null || v.diagnosis() == null || !BY_DIAGNOSIS.containsKey(v.diagnosis())) {
                continue;
            }
            long age = Duration.between(e.dischargeAt(), hospital.asOf()).toDays();
            // Older than the window: coded, but for about 1.5% of the last month held for a physician query.
            boolean coded = age > CODED_AFTER_DAYS ? roll >= 15 || age > 40 : age >= 4 && roll < 500;
            if (!coded) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(e.dischargeAt(), zone).plusDays(Math.min(lagDays, Math.max(1, age - 1)));
            while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                day = day.plusDays(1);
            }
            byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(new Work(i, minutes, gap));
        }
        // Each day's charts one after another from about 8:00, as one coder works a queue.
        List<PriorCoding> out = new ArrayList<>();
        for (var day : byDay.entrySet()) {
            Instant cursor = day.getKey().atTime(LocalTime.of(8, 0)).plusMinutes(random.nextInt(30)).atZone(zone).toInstant();
            for (Work w : day.getValue()) {
                DemoHospital.Visit v = hospital.visits().get(w.visit());
                Instant started = cursor;
                Instant finalized = started.plus(Duration.ofMinutes(w.minutes()));
                cursor = finalized.plus(Duration.ofMinutes(w.gap()));
                if (finalized.isBefore(hospital.asOf()) && started.isAfter(v.encounter().dischargeAt())) {
                    out.add(coding(v, encounterIds.get(w.visit()), started, finalized, fiscalZone));
                }
            }
        }
        return out;
    }

    private static PriorCoding coding(DemoHospital.Visit v, long encounterId, Instant started, Instant finalized,
                                      ZoneId fiscalZone) {
        NewEncounter e = v.encounter();
        boolean inpatient = e.encounterClass() == EncounterClass.INPATIENT;
        Codes codes = BY_DIAGNOSIS.get(v.diagnosis());
        String poa = inpatient ? "Y" : null;
        List<PriorCode> dx = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        int fy = FiscalYear.of(LocalDate.ofInstant(e.dischargeAt(), fiscalZone));
        for (String written : codes.diagnoses()) {
            String c = inForce(written, fy);
            dx.add(new PriorCode(c, poa, null));
            seen.add(c.substring(0, 3));
        }
        for (String condition : v.history()) {
            String c = CHRONIC.get(condition);
            // A chronic condition the principal already codes (e.g. diabetes in DKA, AF in AF with RVR) is not repeated.
            if (c != null && !seen.contains(c.substring(0, 3))) {
                dx.add(new PriorCode(c, poa, null));
                seen.add(c.substring(0, 3));
            }
        }
        List<PriorCode> px = new ArrayList<>();
        if (inpatient) {
            // Dated as the coding module dates the stay (its clock's zone), so the date is within it.
            LocalDate admitted = LocalDate.ofInstant(e.admitAt(), fiscalZone);
            for (String c : codes.procedures()) {
                // The demo's operations and deliveries happen within the first day of the stay.
                px.add(new PriorCode(c, null, admitted));
            }
        }
        return new PriorCoding(encounterId, dx, px,
                e.dischargeDisposition() == null ? null : e.dischargeDisposition().code(), CODER, started, finalized);
    }

    /** The code of {@code FY2025/FY2026-on} for the fiscal year; a plain code as it is. */
    static String inForce(String written, int fiscalYear) {
        int slash = written.indexOf('/');
        return slash < 0 ? written : fiscalYear <= 2025 ? written.substring(0, slash) : written.substring(slash + 1);
    }

    static CodingHistory.Recorded record(CodingHistory history, DemoHospital hospital, List<Long> encounterIds, ZoneId zone,
                                         ZoneId fiscalZone) {
        return history.recordFinal(codings(hospital, encounterIds, zone, fiscalZone));
    }

    /** Every how many coded stays the director re-coded one blind for the dual-coding audit. */
    static final int AUDIT_EVERY = 25;

    /**
     * The director's dual-coding audit of the coded past: every {@value #AUDIT_EVERY}th coded stay
     * re-coded blind two days after it was finalized; in one audit in four the auditor found a
     * secondary diagnosis the coder had not coded (a code the coder missed counts against accuracy).
     */
    static int recordAudits(CodingHistory history, DemoHospital hospital, List<Long> encounterIds, ZoneId zone,
                            ZoneId fiscalZone, String auditor) {
        List<PriorCoding> finals = codings(hospital, encounterIds, zone, fiscalZone);
        List<PriorCoding> audits = new ArrayList<>();
        for (int i = 0; i < finals.size(); i += AUDIT_EVERY) {
            PriorCoding c = finals.get(i);
            Instant audited = c.finalizedAt().plus(Duration.ofDays(2));
            if (!audited.isBefore(hospital.asOf())) {
                continue;
            }
            List<PriorCode> dx = new ArrayList<>(c.diagnoses());
            if (audits.size() % 4 == 3) {
                dx.add(new PriorCode("E66.9", c.diagnoses().get(0).poa(), null));
            }
            audits.add(new PriorCoding(c.encounterId(), dx, c.procedures(), c.dischargeDisposition(), auditor,
                    audited.minus(Duration.ofMinutes(20)), audited));
        }
        return history.recordAudits(audits);
    }
}
