package org.custodian.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.custodian.chart.ClinicalResources.NewResource;
import org.custodian.chart.NewDocument;
import org.custodian.demo.DemoHospital;
import org.junit.jupiter.api.Test;

/**
 * The demo's sensitive records (issue 15): a Part 2 stay's alcohol dependence diagnosis and naltrexone
 * (the V162 rules' ICD-10-CM F10 prefix and RxNorm 7243, 42 CFR 2.11, 2.12), an HIV antibody result and
 * status (LOINC 7917-8, ICD-10-CM Z21), and a psychotherapy note of the demo clinician with its FHIR copy,
 * on three different patients, every resource valid FHIR R4.
 */
class DemoSensitiveTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void threePatientsGetRecordsTheSensitivityRulesTag() {
        for (long seed : List.of(42L, 7L)) {
            DemoHospital hospital = DemoHospital.generate(seed, 1000, "DEMO",
                    Clock.fixed(Instant.parse("2026-12-07T01:00:00Z"), ZoneId.of("UTC")));
            DemoSensitive.Visits visits = DemoSensitive.visits(hospital);
            assertThat(hospital.visits().get(visits.part2()).diagnosis()).isEqualTo("alcohol withdrawal");
            assertThat(hospital.visits().get(visits.psychotherapy()).encounter().service()).isEqualTo("Psychiatry");
            assertThat(Set.of(registration(hospital, visits.part2()), registration(hospital, visits.hiv()),
                    registration(hospital, visits.psychotherapy()))).as("three patients").hasSize(3);

            List<Long> patients = LongStream.range(0, hospital.registrations().size()).boxed().toList();
            List<Long> encounters = LongStream.range(0, hospital.visits().size()).map(i -> 5000 + i).boxed().toList();
            List<NewResource> resources = DemoSensitive.resources(hospital, patients, encounters);
            assertThat(resources).extracting(NewResource::type)
                    .containsExactly("Condition", "MedicationRequest", "Observation", "Condition");
            assertThat(resources).flatExtracting(NewResource::terms).contains(
                    "code=http://hl7.org/fhir/sid/icd-10-cm|F10.239", "code=http://www.nlm.nih.gov/research/umls/rxnorm|7243",
                    "code=http://loinc.org|7917-8", "code=http://hl7.org/fhir/sid/icd-10-cm|Z21");
            resources.forEach(r -> assertThat(FHIR.newJsonParser().parseResource(r.json()).fhirType()).isEqualTo(r.type()));
            assertThat(resources).allSatisfy(r -> assertThat(r.dateStart()).isBefore(hospital.asOf()));
            DemoHospital.Visit hiv = hospital.visits().get(visits.hiv());
            assertThat(resources.get(2).dateStart()).as("the HIV result during its visit")
                    .isBetween(hiv.encounter().admitAt(), hiv.encounter().dischargeAt());

            NewDocument note = DemoSensitive.psychotherapyNote(hospital, patients, encounters);
            assertThat(note.author()).isEqualTo(hospital.physicians().get(0));
            assertThat(note.createdAt()).isBetween(hospital.visits().get(visits.psychotherapy()).encounter().admitAt(),
                    hospital.visits().get(visits.psychotherapy()).encounter().dischargeAt());
            NewResource copy = DemoSensitive.copyOf(note, 77L);
            var parsed = (org.hl7.fhir.r4.model.DocumentReference) FHIR.newJsonParser().parseResource(copy.json());
            assertThat(new String(parsed.getContentFirstRep().getAttachment().getData())).isEqualTo(note.text());
            assertThat(copy.patientId()).isEqualTo(note.patientId());
        }
    }

    private static int registration(DemoHospital hospital, int visit) {
        return hospital.visits().get(visit).registration();
    }
}
