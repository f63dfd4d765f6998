package org.custodian.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.custodian.interop.FhirBundleImport;
import org.custodian.mpi.MasterPatientIndex;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The kept clinical resources are part of the legal record: they follow a patient merge and come
 * back on an unmerge, are destroyed with their encounter at the end of retention (only type and
 * id remain), and every read is audited (45 CFR 164.312(b)); a re-import with other content is
 * a new version.
 */
@CustodianTest
class ClinicalResourcesIT {

    @Autowired FhirBundleImport imports;
    @Autowired ClinicalResources resources;
    @Autowired StaffAccounts accounts;
    @Autowired MasterPatientIndex mpi;
    @Autowired PatientRegistry patients;
    @Autowired RecordDestruction destruction;
    @Autowired JdbcClient jdbc;

    private String bundle(String patient, String encounter, String observation, String value) {
        return """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"Patient","id":"%1$s","name":[{"family":"Kept%4$s","given":["Res"]}],
                  "gender":"male","birthDate":"1950-01-01"}},
                 {"fullUrl":"urn:uuid:%2$s","resource":{"resourceType":"Encounter","id":"%2$s","status":"finished",
                  "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},
                  "subject":{"reference":"urn:uuid:%1$s"},"period":{"start":"2001-02-03T08:00:00Z","end":"2001-02-03T09:00:00Z"}}},
                 {"fullUrl":"urn:uuid:%3$s","resource":{"resourceType":"Observation","id":"%3$s","status":"final",
                  "code":{"coding":[{"system":"http://loinc.org","code":"2339-0"}]},"subject":{"reference":"urn:uuid:%1$s"},
                  "encounter":{"reference":"urn:uuid:%2$s"},"effectiveDateTime":"2001-02-03T08:30:00Z",
                  "valueQuantity":{"value":%5$s,"unit":"mg/dL"}}}]}""".formatted(patient, encounter, observation,
                patient.substring(0, 4).replaceAll("[0-9-]", "k"), value);
    }

    private FhirBundleImport.Result load(String json) {
        FhirBundleImport.Result[] r = new FhirBundleImport.Result[1];
        accounts.runAs(Role.INTERFACE_ENGINE, () -> r[0] = imports.importContent("kept.json", json.getBytes()));
        assertThat(r[0].rejection()).isNull();
        return r[0];
    }

    private long patientOf(String type, String fhirId) {
        return jdbc.sql("select patient_id from clinical_resource where resource_type = ? and fhir_id = ?")
                .params(type, fhirId).query(Long.class).single();
    }

    @Test
    void aChangedResendIsANewVersionAndTheSameOneChangesNothing() {
        String p = UUID.randomUUID().toString(), e = UUID.randomUUID().toString(), o = UUID.randomUUID().toString();
        assertThat(load(bundle(p, e, o, "100")).created()).containsEntry("Observation", 1);
        FhirBundleImport.Result same = load(bundle(p, e, o, "100"));
        assertThat(same.unchanged()).containsEntry("Observation", 1);
        assertThat(same.updated()).isEmpty();
        FhirBundleImport.Result corrected = load(bundle(p, e, o, "104"));
        assertThat(corrected.updated()).containsEntry("Observation", 1);
        accounts.runAs(Role.CLINICIAN, () -> {
            var read = resources.read("Observation", o).orElseThrow();
            assertThat(read.version()).isEqualTo(2);
            assertThat(read.json()).contains("104");
        });
    }

    @Test
    void theResourcesFollowAMergeAndComeBackOnAnUnmerge() {
        String p = UUID.randomUUID().toString(), e = UUID.randomUUID().toString(), o = UUID.randomUUID().toString();
        load(bundle(p, e, o, "90"));
        long retired = patientOf("Patient", p);
        Patient survivor = patients.register(TestPatients.newPatient("Surviving", TestPatients.uniqueName("Merge"), LocalDate.of(1950, 1, 1)));
        long[] mergeId = new long[1];
        accounts.runAs(Role.DATA_INTEGRITY_ANALYST, () -> mergeId[0] = mpi.merge(survivor.id(), retired, "same person", "test override").id());
        assertThat(patientOf("Observation", o)).isEqualTo(survivor.id());
        accounts.runAs(Role.CLINICIAN, () -> assertThat(resources.everything(survivor.id(), null, Set.of(), 0, 100).resources())
                .extracting(ClinicalResources.StoredResource::fhirId).contains(o, e, p));
        accounts.runAs(Role.DATA_INTEGRITY_ANALYST, () -> mpi.unmerge(mergeId[0], "not the same person"));
        assertThat(patientOf("Observation", o)).isEqualTo(retired);
    }

    @Test
    void destroyingTheEncounterDestroysItsResourcesAndEveryReadIsAudited() {
        String p = UUID.randomUUID().toString(), e = UUID.randomUUID().toString(), o = UUID.randomUUID().toString();
        load(bundle(p, e, o, "95"));
        long patientId = patientOf("Patient", p);
        long encounterId = jdbc.sql("select encounter_id from clinical_resource where resource_type = 'Observation' and fhir_id = ?")
                .param(o).query(Long.class).single();
        long before = jdbc.sql("select count(*) from audit_event where patient_id = ? and action = 'READ'").param(patientId)
                .query(Long.class).single();
        accounts.runAs(Role.CLINICIAN, () -> assertThat(resources.read("Observation", o).orElseThrow().json()).contains("2339-0"));
        assertThat(jdbc.sql("select count(*) from audit_event where patient_id = ? and action = 'READ' and resource_type = 'Observation'")
                .param(patientId).query(Long.class).single()).isEqualTo(1L);
        assertThat(jdbc.sql("select count(*) from audit_event where patient_id = ? and action = 'READ'").param(patientId)
                .query(Long.class).single()).isGreaterThan(before);
        destruction.destroyEncounter(encounterId, "CERT-" + UUID.randomUUID().toString().substring(0, 8));
        accounts.runAs(Role.CLINICIAN, () -> {
            var destroyed = resources.read("Observation", o).orElseThrow();
            assertThat(destroyed.json()).isNull();
        });
        assertThat(jdbc.sql("select resource::text from clinical_resource where resource_type = 'Observation' and fhir_id = ?")
                .param(o).query(String.class).single()).doesNotContain("2339-0");
        List<String> terms = jdbc.sql("select unnest(terms) from clinical_resource where fhir_id = ?").param(o).query(String.class).list();
        assertThat(terms).isEmpty();
    }

    @Test
    void everythingAddsTheSharedResourcesTheRecordNamesAndAReSendUnderAnotherKeyIsRefused() {
        String p = UUID.randomUUID().toString(), e = UUID.randomUUID().toString(), org = UUID.randomUUID().toString();
        load("""
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"Organization","id":"%1$s","name":"Shared Clinic %1$s"}},
                 {"fullUrl":"urn:uuid:%2$s","resource":{"resourceType":"Patient","id":"%2$s","name":[{"family":"Sharedref","given":["Res"]}],
                  "gender":"female","birthDate":"1960-01-01"}},
                 {"fullUrl":"urn:uuid:%3$s","resource":{"resourceType":"Encounter","id":"%3$s","status":"finished",
                  "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},
                  "subject":{"reference":"urn:uuid:%2$s"},"serviceProvider":{"reference":"urn:uuid:%1$s"},
                  "period":{"start":"2001-02-03T08:00:00Z","end":"2001-02-03T09:00:00Z"}}}]}""".formatted(org, p, e));
        long patientId = patientOf("Patient", p);
        // The organization belongs to no patient; $everything adds it after the patient's own resources.
        accounts.runAs(Role.CLINICIAN, () -> assertThat(resources.everything(patientId, null, Set.of(), 0, 100).resources())
                .extracting(ClinicalResources.StoredResource::fhirId).containsExactly(p, e, org));
        // The same type and id under another source key is not the same resource: refused, nothing changed.
        ClinicalResources.NewResource other = new ClinicalResources.NewResource("Organization", org, "other", "id:other|1", null, null,
                null, null, null, List.of(), "{\"resourceType\":\"Organization\",\"id\":\"" + org + "\"}");
        assertThatThrownBy(() -> resources.storeAll(List.of(other)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another source");
        assertThat(jdbc.sql("select version from clinical_resource where resource_type = 'Organization' and fhir_id = ?")
                .param(org).query(Integer.class).single()).isEqualTo(1);
    }
}
