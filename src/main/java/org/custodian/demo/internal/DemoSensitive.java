package org.custodian.demo.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.custodian.chart.ClinicalResources.NewResource;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewDocument;
import org.custodian.demo.DemoHospital;

/**
 * Sensitive records that show segmentation at work (issue 15), on three patients of the demo:
 * <ul>
 *   <li>a Part 2 program's stay for alcohol withdrawal (42 CFR 2.11, 2.12): the diagnosis F10.239 and
 *   naltrexone, kept as FHIR Condition and MedicationRequest, which the sensitivity rules tag;</li>
 *   <li>an HIV antibody result and the HIV infection status Z21 (state HIV confidentiality law);</li>
 *   <li>a psychotherapy note (45 CFR 164.501) the demo clinician wrote, filed in the chart, tagged so,
 *   and its kept FHIR DocumentReference copy linked to it: only the clinician reads either
 *   (164.508(a)(2)(i)(A)).</li>
 * </ul>
 * A coder signing in sees none of these; the clinician sees all. Visits are chosen deterministically
 * ({@link #visits}); ids are name-based on the encounter row.
 */
final class DemoSensitive {

    static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String LOINC = "http://loinc.org";
    static final String PSYCHOTHERAPY_TITLE = "Psychotherapy session note";

    /** The visits of the three stories (indexes into the hospital's visits; -1 when the demo has none fitting). */
    record Visits(int part2, int hiv, int psychotherapy) {
    }

    private DemoSensitive() {
    }

    /**
     * Part 2: the first discharged stay for alcohol withdrawal (else the first discharged inpatient stay);
     * HIV: the first discharged visit of another patient; psychotherapy: the first discharged psychiatry
     * stay of a third patient (else any discharged visit of one).
     */
    static Visits visits(DemoHospital hospital) {
        List<DemoHospital.Visit> all = hospital.visits();
        int part2 = first(all, v -> "alcohol withdrawal".equals(v.diagnosis()), -1, -1);
        if (part2 < 0) {
            part2 = first(all, v -> v.encounter().encounterClass() == EncounterClass.INPATIENT, -1, -1);
        }
        int taken = part2 < 0 ? -1 : all.get(part2).registration();
        int hiv = first(all, v -> true, taken, -1);
        int hivPatient = hiv < 0 ? -1 : all.get(hiv).registration();
        int psychotherapy = first(all, v -> "Psychiatry".equals(v.encounter().service()), taken, hivPatient);
        if (psychotherapy < 0) {
            psychotherapy = first(all, v -> true, taken, hivPatient);
        }
        return new Visits(part2, hiv, psychotherapy);
    }

    private static int first(List<DemoHospital.Visit> all, java.util.function.Predicate<DemoHospital.Visit> wanted,
                             int notPatient, int norPatient) {
        for (int i = 0; i < all.size(); i++) {
            DemoHospital.Visit v = all.get(i);
            if (v.encounter().dischargeAt() != null && v.registration() != notPatient && v.registration() != norPatient
                    && wanted.test(v)) {
                return i;
            }
        }
        return -1;
    }

    /** The Part 2 diagnosis and medication and the HIV result and status, as kept FHIR resources. */
    static List<NewResource> resources(DemoHospital hospital, List<Long> patientIds, List<Long> encounterIds) {
        Visits chosen = visits(hospital);
        List<NewResource> out = new ArrayList<>();
        if (chosen.part2() >= 0) {
            DemoHospital.Visit v = hospital.visits().get(chosen.part2());
            long patient = patientIds.get(v.registration());
            long encounter = encounterIds.get(chosen.part2());
            Instant admit = v.encounter().admitAt();
            out.add(condition(patient, encounter, admit.plus(Duration.ofHours(2)), "F10.239",
                    "Alcohol dependence with withdrawal, unspecified"));
            String id = id("naltrexone", encounter);
            Instant at = v.encounter().dischargeAt().minus(Duration.ofHours(4));
            out.add(new NewResource("MedicationRequest", id, "demo", "id:" + id, patient, encounter, "active", at, null,
                    List.of("status=active", "intent=order", "code=" + RXNORM + "|7243", "code=7243", "code=" + RXNORM + "|",
                            "subject=Patient/" + patient, "patient=Patient/" + patient, "encounter=Encounter/" + encounter),
                    """
                    {"resourceType":"MedicationRequest","id":"%s","status":"active","intent":"order",\
                    "medicationCodeableConcept":{"coding":[{"system":"%s","code":"7243","display":"naltrexone"}],\
                    "text":"naltrexone 50 mg by mouth daily"},"subject":{"reference":"Patient/%d"},\
                    "encounter":{"reference":"Encounter/%d"},"authoredOn":"%s"}""".formatted(id, RXNORM, patient, encounter, at)));
        }
        if (chosen.hiv() >= 0) {
            DemoHospital.Visit v = hospital.visits().get(chosen.hiv());
            long patient = patientIds.get(v.registration());
            long encounter = encounterIds.get(chosen.hiv());
            Instant at = during(v, Duration.ofHours(1));
            String id = id("hiv-antibody", encounter);
            out.add(new NewResource("Observation", id, "demo", "id:" + id, patient, encounter, "final", at, at.plusSeconds(1),
                    List.of("status=final", "category=laboratory",
                            "category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory",
                            "code=7917-8", "code=" + LOINC + "|7917-8", "code=" + LOINC + "|",
                            "subject=Patient/" + patient, "patient=Patient/" + patient, "encounter=Encounter/" + encounter),
                    """
                    {"resourceType":"Observation","id":"%s","status":"final","category":[{"coding":[{"system":\
                    "http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],\
                    "code":{"coding":[{"system":"%s","code":"7917-8","display":"HIV 1 Ab [Presence] in Serum"}],\
                    "text":"HIV 1 antibody"},"subject":{"reference":"Patient/%d"},"encounter":{"reference":"Encounter/%d"},\
                    "effectiveDateTime":"%s","valueCodeableConcept":{"text":"Positive"}}""".formatted(id, LOINC, patient, encounter, at)));
            out.add(condition(patient, encounter, at.plusSeconds(60), "Z21",
                    "Asymptomatic human immunodeficiency virus [HIV] infection status"));
        }
        return out;
    }

    /** {@code after} the admission, or half-way through a visit shorter than twice that. */
    private static Instant during(DemoHospital.Visit v, Duration after) {
        Duration length = Duration.between(v.encounter().admitAt(), v.encounter().dischargeAt());
        return v.encounter().admitAt().plus(length.compareTo(after.multipliedBy(2)) < 0 ? length.dividedBy(2) : after);
    }

    private static NewResource condition(long patient, long encounter, Instant at, String code, String display) {
        String id = id("condition-" + code, encounter);
        return new NewResource("Condition", id, "demo", "id:" + id, patient, encounter, null, at, null,
                List.of("clinical-status=active", "code=" + ICD10CM + "|" + code, "code=" + code, "code=" + ICD10CM + "|",
                        "subject=Patient/" + patient, "patient=Patient/" + patient, "encounter=Encounter/" + encounter),
                """
                {"resourceType":"Condition","id":"%s","clinicalStatus":{"coding":[{"system":\
                "http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},\
                "code":{"coding":[{"system":"%s","code":"%s","display":"%s"}],"text":"%s"},\
                "subject":{"reference":"Patient/%d"},"encounter":{"reference":"Encounter/%d"},"recordedDate":"%s"}"""
                        .formatted(id, ICD10CM, code, display, display, patient, encounter, at));
    }

    /** The psychotherapy note the demo clinician (the first physician) wrote during the chosen stay; null when none. */
    static NewDocument psychotherapyNote(DemoHospital hospital, List<Long> patientIds, List<Long> encounterIds) {
        int i = visits(hospital).psychotherapy();
        if (i < 0 || hospital.physicians().isEmpty()) {
            return null;
        }
        DemoHospital.Visit v = hospital.visits().get(i);
        String therapist = hospital.physicians().get(0);
        Instant at = during(v, Duration.ofHours(26)); // a day into a stay, or during an outpatient session
        return new NewDocument(patientIds.get(v.registration()), encounterIds.get(i), DocumentType.PROGRESS_NOTE,
                PSYCHOTHERAPY_TITLE, therapist, "Individual psychotherapy, 50 minutes. The patient spoke about the loss of"
                + " a parent and long-standing guilt; explored avoidance and its cost. Process notes kept apart from the"
                + " medical record (45 CFR 164.501).", DocumentStatus.SIGNED, at, therapist, at.plus(Duration.ofMinutes(20)));
    }

    /** The note's kept FHIR copy, as an interface would have sent it (the chart links it to the note). */
    static NewResource copyOf(NewDocument note, long documentId) {
        String id = id("psychotherapy-copy", documentId);
        String data = Base64.getEncoder().encodeToString(note.text().getBytes(StandardCharsets.UTF_8));
        return new NewResource("DocumentReference", id, "demo", "id:" + id, note.patientId(), note.encounterId(), "current",
                note.createdAt(), null,
                List.of("status=current", "type=" + LOINC + "|11506-3", "type=11506-3", "type=" + LOINC + "|",
                        "subject=Patient/" + note.patientId(), "patient=Patient/" + note.patientId(),
                        "encounter=Encounter/" + note.encounterId()),
                """
                {"resourceType":"DocumentReference","id":"%s","status":"current","type":{"coding":[{"system":"%s",\
                "code":"11506-3","display":"Progress note"}],"text":"%s"},"subject":{"reference":"Patient/%d"},\
                "date":"%s","author":[{"display":"%s"}],"content":[{"attachment":{"contentType":"text/plain","data":"%s"}}],\
                "context":{"encounter":[{"reference":"Encounter/%d"}]}}"""
                        .formatted(id, LOINC, note.title(), note.patientId(), note.createdAt(), note.author(), data,
                                note.encounterId()));
    }

    private static String id(String what, long row) {
        return UUID.nameUUIDFromBytes(("demo-sensitive|" + what + "|" + row).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
