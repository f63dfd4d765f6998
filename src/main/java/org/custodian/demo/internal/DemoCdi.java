package org.custodian.demo.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.custodian.chart.ClinicalResources.NewResource;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.FindingKind;
import org.custodian.chart.NewFinding;
import org.custodian.demo.DemoHospital;

/**
 * Records that show clinical documentation improvement at work: a few inpatients in house with an
 * unspecified principal diagnosis and the labs, vital signs and transfusions that put them on the CDI
 * worklist for several rules at once (sepsis, hyponatremia, AKI, obesity, acute blood-loss anemia);
 * and stays of the past weeks ({@link #PAST}) with the working diagnosis and the labs a documentation
 * query of theirs cited, for {@link DemoCdiActivity} to query, answer and escalate.
 */
final class DemoCdi {

    private static final String ICD10PCS = "http://www.cms.gov/Medicare/Coding/ICD10";

    /** LOINC, name, unit, then pairs of (hours after admission, value). */
    record Lab(String loinc, String name, String unit, double... hoursAndValues) {
    }

    private record Scenario(List<String> diagnoses, List<String> transfusions, List<Lab> labs) {
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario(List.of("J18.9"), List.of(), List.of(new Lab("2524-7", "Lactate", "mmol/L", 2, 3.4),
                    new Lab("8867-4", "Heart rate", "/min", 2, 118), new Lab("8310-5", "Body temperature", "Cel", 2, 38.9),
                    new Lab("9279-1", "Respiratory rate", "/min", 2, 26), new Lab("2951-2", "Sodium", "mmol/L", 3, 131))),
            new Scenario(List.of("K92.2"), List.of("30233N1"), List.of(new Lab("718-7", "Hemoglobin", "g/dL", 2, 11.2, 20, 8.6),
                    new Lab("39156-5", "Body mass index", "kg/m2", 3, 41.0))),
            new Scenario(List.of("I50.9"), List.of(), List.of(new Lab("2160-0", "Creatinine", "mg/dL", 2, 1.0, 26, 1.7),
                    new Lab("2951-2", "Sodium", "mmol/L", 2, 129))),
            new Scenario(List.of("N39.0"), List.of(), List.of(new Lab("2524-7", "Lactate", "mmol/L", 2, 2.8),
                    new Lab("39156-5", "Body mass index", "kg/m2", 3, 43.2), new Lab("8867-4", "Heart rate", "/min", 2, 112))),
            new Scenario(List.of("J44.1"), List.of(), List.of(new Lab("2951-2", "Sodium", "mmol/L", 2, 128),
                    new Lab("2160-0", "Creatinine", "mg/dL", 2, 0.9, 22, 1.5))));

    /**
     * A past stay's documentation query: its template, the labs that support it (the query's indicators),
     * the worklist rule it answers, and the physician's answer (the option's index; -1: never answered,
     * escalated to the physician advisor), with the text an "other" answer needs.
     */
    record Past(String template, String rule, List<Lab> labs, int option, String text) {
    }

    static final List<Past> PAST = List.of(
            new Past("aki", "aki", List.of(new Lab("2160-0", "Creatinine", "mg/dL", 2, 0.9, 20, 1.6)), 1, null),
            new Past("anemia", "blood-loss-anemia", List.of(new Lab("718-7", "Hemoglobin", "g/dL", 2, 11.8, 20, 9.1)), 0, null),
            new Past("encephalopathy", "hyponatremia", List.of(new Lab("2951-2", "Sodium", "mmol/L", 2, 124, 20, 122)), 0, null),
            new Past("aki", "aki", List.of(new Lab("2160-0", "Creatinine", "mg/dL", 2, 1.0, 20, 1.5)), 3, null),
            new Past("anemia", "blood-loss-anemia", List.of(new Lab("718-7", "Hemoglobin", "g/dL", 2, 12.1, 20, 9.9)), 5, null),
            new Past("malnutrition", null, List.of(new Lab("39156-5", "Body mass index", "kg/m2", 2, 16.8),
                    new Lab("1751-7", "Albumin", "g/dL", 3, 2.4)), 0, null),
            new Past("encephalopathy", "hyponatremia", List.of(new Lab("2951-2", "Sodium", "mmol/L", 2, 126, 20, 127)), 4,
                    "Hypoactive delirium from opioids, resolved; no encephalopathy"),
            new Past("aki", "aki", List.of(new Lab("2160-0", "Creatinine", "mg/dL", 2, 1.1, 20, 1.9)), -1, null));

    /** Past stays a CDI specialist reviewed without a query (the query rate's denominator counts them too). */
    static final int REVIEWED_ONLY = 2;

    /** A past query is sent a day into the stay, after its labs. */
    static final Duration SENT_AFTER_ADMISSION = Duration.ofHours(24);

    /** The unanswered query was sent four days ago: escalated after 48 hours, not yet closed (7 days). */
    static final Duration UNANSWERED_SENT_AGO = Duration.ofDays(4);

    /** When the query of {@link #PAST}'s position {@code k} on this visit was sent. */
    static Instant sentAt(DemoHospital hospital, int k, int visit) {
        return k == PAST.size() - 1 ? hospital.asOf().minus(UNANSWERED_SENT_AGO)
                : hospital.visits().get(visit).encounter().admitAt().plus(SENT_AFTER_ADMISSION);
    }

    private DemoCdi() {
    }

    /**
     * The visits of {@link #PAST} (by position; -1 when the demo has too few), then {@link #REVIEWED_ONLY}
     * more: inpatient stays of at least two days discharged 3 to 35 days ago with a diagnosis the demo
     * codes, queried a day into the stay; the unanswered one, the most recently discharged, was queried
     * four days ago ({@link #sentAt}), so that it is escalated and still open.
     */
    static int[] pastVisits(DemoHospital hospital) {
        int[] out = new int[PAST.size() + REVIEWED_ONLY];
        java.util.Arrays.fill(out, -1);
        Instant now = hospital.asOf();
        List<Integer> eligible = new ArrayList<>();
        for (int i = 0; i < hospital.visits().size(); i++) {
            DemoHospital.Visit v = hospital.visits().get(i);
            var e = v.encounter();
            if (e.encounterClass() == EncounterClass.INPATIENT && e.dischargeAt() != null && v.diagnosis() != null
                    && DemoCoding.BY_DIAGNOSIS.containsKey(v.diagnosis())
                    && Duration.between(e.admitAt(), e.dischargeAt()).compareTo(Duration.ofHours(48)) >= 0
                    && e.dischargeAt().isBefore(now.minus(Duration.ofDays(3))) && e.dischargeAt().isAfter(now.minus(Duration.ofDays(35)))) {
                eligible.add(i);
            }
        }
        int unanswered = PAST.size() - 1;
        for (int i : eligible) { // the most recently discharged: its query, sent four days ago, is escalated and still open
            if (out[unanswered] < 0 || hospital.visits().get(i).encounter().dischargeAt()
                    .isAfter(hospital.visits().get(out[unanswered]).encounter().dischargeAt())) {
                out[unanswered] = i;
            }
        }
        int k = 0;
        for (int i : eligible) {
            if (k == unanswered) {
                k++;
            }
            if (k >= out.length) {
                break;
            }
            if (i != out[unanswered]) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** The diagnosis the attending documented on a past stay: its demo picture's principal code of the discharge's fiscal year. */
    private static String workingDiagnosis(DemoHospital.Visit v) {
        java.time.LocalDate d = v.encounter().dischargeAt().atZone(DemoHospitalGenerator.ZONE).toLocalDate();
        int fy = d.getMonthValue() >= 10 ? d.getYear() + 1 : d.getYear();
        return DemoCoding.inForce(DemoCoding.BY_DIAGNOSIS.get(v.diagnosis()).diagnoses().get(0), fy);
    }

    /** The in-house inpatient visits the scenarios go to (the first few, admitted at least a day ago). */
    static List<Integer> visits(DemoHospital hospital) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < hospital.visits().size() && out.size() < SCENARIOS.size(); i++) {
            var e = hospital.visits().get(i).encounter();
            if (e.encounterClass() == EncounterClass.INPATIENT && e.dischargeAt() == null
                    && e.admitAt().isBefore(hospital.asOf().minus(Duration.ofHours(30)))) {
                out.add(i);
            }
        }
        return out;
    }

    static List<NewFinding> findings(DemoHospital hospital, List<Long> patientIds, List<Long> encounterIds) {
        List<NewFinding> out = new ArrayList<>();
        int[] past = pastVisits(hospital);
        for (int k = 0; k < PAST.size(); k++) {
            if (past[k] >= 0) {
                DemoHospital.Visit v = hospital.visits().get(past[k]);
                out.add(new NewFinding(patientIds.get(v.registration()), encounterIds.get(past[k]), FindingKind.CONDITION,
                        CodedFinding.ICD_10_CM, workingDiagnosis(v), null, null, v.encounter().admitAt().plusSeconds(3600)));
            }
        }
        List<Integer> chosen = visits(hospital);
        for (int k = 0; k < chosen.size(); k++) {
            int i = chosen.get(k);
            DemoHospital.Visit v = hospital.visits().get(i);
            Scenario s = SCENARIOS.get(k);
            Instant admit = v.encounter().admitAt();
            for (String dx : s.diagnoses()) {
                out.add(new NewFinding(patientIds.get(v.registration()), encounterIds.get(i), FindingKind.CONDITION,
                        CodedFinding.ICD_10_CM, dx, null, null, admit.plusSeconds(3600)));
            }
            for (String px : s.transfusions()) {
                out.add(new NewFinding(patientIds.get(v.registration()), encounterIds.get(i), FindingKind.PROCEDURE, ICD10PCS, px,
                        "Transfusion of nonautologous red blood cells into peripheral vein, percutaneous", admit.plusSeconds(22 * 3600),
                        admit.plusSeconds(22 * 3600)));
            }
        }
        return out;
    }

    static List<NewResource> observations(DemoHospital hospital, List<Long> patientIds, List<Long> encounterIds) {
        List<NewResource> out = new ArrayList<>();
        List<Integer> chosen = visits(hospital);
        for (int k = 0; k < chosen.size(); k++) {
            labs(out, hospital.visits().get(chosen.get(k)), patientIds, encounterIds.get(chosen.get(k)), SCENARIOS.get(k).labs());
        }
        int[] past = pastVisits(hospital);
        for (int k = 0; k < PAST.size(); k++) {
            if (past[k] >= 0) {
                labs(out, hospital.visits().get(past[k]), patientIds, encounterIds.get(past[k]), PAST.get(k).labs());
            }
        }
        return out;
    }

    private static void labs(List<NewResource> out, DemoHospital.Visit v, List<Long> patientIds, long encounterId, List<Lab> labs) {
        long patientId = patientIds.get(v.registration());
        for (Lab l : labs) {
            for (int j = 0; j + 1 < l.hoursAndValues().length; j += 2) {
                Instant at = v.encounter().admitAt().plusSeconds((long) (l.hoursAndValues()[j] * 3600));
                String value = java.math.BigDecimal.valueOf(l.hoursAndValues()[j + 1]).stripTrailingZeros().toPlainString();
                String id = UUID.nameUUIDFromBytes(("demo-cdi|" + encounterId + "|" + l.loinc() + "|" + j)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
                boolean vital = !l.loinc().equals("2524-7") && !l.loinc().equals("2951-2") && !l.loinc().equals("2160-0")
                        && !l.loinc().equals("718-7") && !l.loinc().equals("1751-7");
                String category = vital ? "vital-signs" : "laboratory";
                String json = """
                        {"resourceType":"Observation","id":"%s","status":"final","category":[{"coding":[{"system":\
                        "http://terminology.hl7.org/CodeSystem/observation-category","code":"%s"}]}],\
                        "code":{"coding":[{"system":"http://loinc.org","code":"%s","display":"%s"}],"text":"%s"},\
                        "subject":{"reference":"Patient/%d"},"encounter":{"reference":"Encounter/%d"},"effectiveDateTime":"%s",\
                        "valueQuantity":{"value":%s,"unit":"%s","system":"http://unitsofmeasure.org","code":"%s"}}"""
                        .formatted(id, category, l.loinc(), l.name(), l.name(), patientId, encounterId, at, value, l.unit(), l.unit());
                out.add(new NewResource("Observation", id, "demo", "id:" + id, patientId, encounterId, "final", at, at.plusSeconds(1),
                        List.of("status=final", "category=" + category,
                                "category=http://terminology.hl7.org/CodeSystem/observation-category|" + category,
                                "code=" + l.loinc(), "code=http://loinc.org|" + l.loinc(), "code=http://loinc.org|",
                                "subject=Patient/" + patientId, "patient=Patient/" + patientId, "encounter=Encounter/" + encounterId),
                        json));
            }
        }
    }
}
