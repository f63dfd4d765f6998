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
 * worklist for several rules at once (sepsis, hyponatremia, AKI, obesity, acute blood-loss anemia).
 */
final class DemoCdi {

    private static final String ICD10PCS = "http://www.cms.gov/Medicare/Coding/ICD10";

    /** LOINC, name, unit, then pairs of (hours after admission, value). */
    private record Lab(String loinc, String name, String unit, double... hoursAndValues) {
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

    private DemoCdi() {
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
            int i = chosen.get(k);
            DemoHospital.Visit v = hospital.visits().get(i);
            long patientId = patientIds.get(v.registration());
            long encounterId = encounterIds.get(i);
            for (Lab l : SCENARIOS.get(k).labs()) {
                for (int j = 0; j + 1 < l.hoursAndValues().length; j += 2) {
                    Instant at = v.encounter().admitAt().plusSeconds((long) (l.hoursAndValues()[j] * 3600));
                    String value = java.math.BigDecimal.valueOf(l.hoursAndValues()[j + 1]).stripTrailingZeros().toPlainString();
                    String id = UUID.nameUUIDFromBytes(("demo-cdi|" + encounterId + "|" + l.loinc() + "|" + j)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
                    boolean vital = !l.loinc().equals("2524-7") && !l.loinc().equals("2951-2") && !l.loinc().equals("2160-0")
                            && !l.loinc().equals("718-7");
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
        return out;
    }
}
