package org.custodian.demo.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.custodian.chart.ClinicalResources.NewResource;
import org.custodian.demo.DemoHospital;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * Lab results and a vital sign for each demo stay, as FHIR Observations kept in the chart's
 * clinical resources, so that the chart's results tab (table and trend) and the FHIR API have
 * something to show: glucose, creatinine and hemoglobin (LOINC, UCUM units, reference range,
 * high/low flag) two hours after admission, and the heart rate. Values deterministic from the seed;
 * ids name-based on the encounter row and the test.
 */
final class DemoResults {

    private static final String LOINC = "http://loinc.org";
    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String FLAGS = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

    /** code, display, unit, category, low, high, minimum, maximum, decimals. */
    private static final Object[][] TESTS = {
            {"2339-0", "Glucose [Mass/volume] in Blood", "mg/dL", "laboratory", 70, 99, 62, 190, 0},
            {"2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", "laboratory", 0.6, 1.3, 0.5, 2.4, 2},
            {"718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", "laboratory", 12.0, 17.5, 8.5, 17.9, 1},
            {"8867-4", "Heart rate", "/min", "vital-signs", 60, 100, 52, 118, 0}};

    private DemoResults() {
    }

    static List<NewResource> observations(FhirContext fhir, DemoHospital hospital, List<Long> patientIds, List<Long> encounterIds) {
        IParser json = fhir.newJsonParser();
        Random random = new Random(hospital.seed() ^ 0x5EED0B5L);
        List<NewResource> out = new ArrayList<>();
        for (int i = 0; i < hospital.visits().size(); i++) {
            DemoHospital.Visit v = hospital.visits().get(i);
            long patientId = patientIds.get(v.registration());
            long encounterId = encounterIds.get(i);
            Instant at = v.encounter().admitAt().plus(Duration.ofHours(2));
            for (Object[] t : TESTS) {
                double low = ((Number) t[4]).doubleValue();
                double high = ((Number) t[5]).doubleValue();
                double min = ((Number) t[6]).doubleValue();
                double max = ((Number) t[7]).doubleValue();
                BigDecimal value = BigDecimal.valueOf(min + random.nextDouble() * (max - min)).setScale((Integer) t[8], RoundingMode.HALF_UP);
                String id = UUID.nameUUIDFromBytes(("demo-observation|" + encounterId + "|" + t[0])
                        .getBytes(StandardCharsets.UTF_8)).toString();
                Observation o = new Observation();
                o.setId(id);
                o.setStatus(Observation.ObservationStatus.FINAL);
                o.addCategory(new CodeableConcept(new Coding(CATEGORY, (String) t[3], null)));
                o.setCode(new CodeableConcept(new Coding(LOINC, (String) t[0], (String) t[1])).setText((String) t[1]));
                o.setSubject(new Reference("Patient/" + patientId));
                o.setEncounter(new Reference("Encounter/" + encounterId));
                o.setEffective(new DateTimeType(Date.from(at)));
                o.setValue(new Quantity().setValue(value).setUnit((String) t[2]).setSystem("http://unitsofmeasure.org").setCode((String) t[2]));
                o.addReferenceRange().setLow(new Quantity().setValue(low).setUnit((String) t[2]))
                        .setHigh(new Quantity().setValue(high).setUnit((String) t[2]));
                String flag = value.doubleValue() > high ? "H" : value.doubleValue() < low ? "L" : "N";
                o.addInterpretation(new CodeableConcept(new Coding(FLAGS, flag, flag.equals("H") ? "High" : flag.equals("L") ? "Low" : "Normal")));
                List<String> terms = List.of("status=final", "category=" + t[3], "category=" + CATEGORY + "|" + t[3], "category=" + CATEGORY + "|",
                        "code=" + t[0], "code=" + LOINC + "|" + t[0], "code=" + LOINC + "|", "subject=Patient/" + patientId,
                        "patient=Patient/" + patientId, "encounter=Encounter/" + encounterId);
                out.add(new NewResource("Observation", id, "demo", "id:" + id, patientId, encounterId, "final", at,
                        at.plusSeconds(1), terms, json.encodeResourceToString(o)));
            }
        }
        return out;
    }
}
