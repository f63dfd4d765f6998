package org.custodian.interop.internal.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.custodian.interop.FhirBundleImport;
import org.custodian.privacy.Role;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.StaffDirectory;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.HospitalToday;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The FHIR API keeps a flagged chart closed as the chart does (HIPAA 45 CFR 164.312(a)(2)(ii), emergency
 * access procedure; 164.308(a)(4), information access management; issue 15 load test): without a care
 * relationship or a break-the-glass grant, a read by id, a search in the patient's compartment and
 * {@code $everything} answer 403 with an OperationOutcome that says so, each refusal audited ACCESS_DENIED
 * and nothing read; a search across patients leaves the flagged patient out, {@code total} included. A grant
 * or a care relationship opens it.
 */
@CustodianTest
class FhirBreakTheGlassIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired StaffDirectory staff;
    @Autowired FhirBundleImport fhir;
    @Autowired JdbcClient jdbc;

    private final String family = "Glass" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "q");
    /** A code only this test's observations carry, to narrow a search across patients to them. */
    private final String code = UUID.randomUUID().toString();
    private final Kept vip = new Kept();
    private final Kept neighbour = new Kept();

    /** A patient imported with an encounter and an observation: their FHIR ids and the local patient. */
    static final class Kept {
        final String patient = UUID.randomUUID().toString();
        final String encounter = UUID.randomUUID().toString();
        final String observation = UUID.randomUUID().toString();
        long id;
    }

    @BeforeEach
    void record() {
        load(vip, "Vera");
        load(neighbour, "Nora");
        Api.Response flagged = api.as(accounts.of(Role.PRIVACY_OFFICER), "POST", "/api/patients/" + vip.id + "/confidentiality-flags",
                "{\"kind\":\"VIP\",\"reason\":\"Local news anchor admitted\"}");
        assertThat(flagged.status()).as(flagged.body()).isEqualTo(201);
    }

    private void load(Kept k, String given) {
        LocalDate day = HospitalToday.date().minusDays(3);
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"Patient","id":"%1$s","name":[{"family":"%2$s","given":["%3$s"]}],
                   "gender":"female","birthDate":"1971-04-05","identifier":[{"system":"urn:test:btg","value":"%1$s"}]}},
                 {"fullUrl":"urn:uuid:%4$s","resource":{"resourceType":"Encounter","id":"%4$s","status":"finished",
                   "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},
                   "subject":{"reference":"urn:uuid:%1$s"},"period":{"start":"%6$sT08:00:00Z","end":"%6$sT09:00:00Z"}}},
                 {"fullUrl":"urn:uuid:%5$s","resource":{"resourceType":"Observation","id":"%5$s","status":"final",
                   "code":{"coding":[{"system":"urn:test:btg","code":"%7$s","display":"Glucose"}]},
                   "subject":{"reference":"urn:uuid:%1$s"},"encounter":{"reference":"urn:uuid:%4$s"},
                   "effectiveDateTime":"%6$sT08:30:00Z","valueQuantity":{"value":99,"unit":"mg/dL"}}}
                ]}""".formatted(k.patient, family, given, k.encounter, k.observation, day, code);
        FhirBundleImport.Result[] r = new FhirBundleImport.Result[1];
        accounts.runAs(Role.INTERFACE_ENGINE, () -> r[0] = fhir.importContent("btg.json", bundle.getBytes(StandardCharsets.UTF_8)));
        assertThat(r[0].rejection()).isNull();
        k.id = jdbc.sql("select patient_id from clinical_resource where resource_type = 'Patient' and fhir_id = ?")
                .param(k.patient).query(Long.class).single();
    }

    /** A clinician of their own: no grant, no care relationship with anyone. */
    private String clinician() {
        String name = "btg-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(name, "Glass " + name, StaffAccounts.PASSWORD, Set.of(Role.CLINICIAN)));
        return name;
    }

    /** Every FHIR read of the patient's data that the chart's rule covers. */
    private List<String> readsOf(Kept k) {
        return List.of(
                "/fhir/r4/Patient/" + k.id,
                "/fhir/r4/Patient/" + k.patient,
                "/fhir/r4/Observation/" + k.observation,
                "/fhir/r4/Encounter/" + k.encounter,
                "/fhir/r4/Observation?patient=" + k.patient,
                "/fhir/r4/Observation?subject=Patient/" + k.id + "&_summary=count",
                "/fhir/r4/Encounter?patient=" + k.id,
                "/fhir/r4/Condition?patient=" + k.id,
                "/fhir/r4/DocumentReference?patient=" + k.id,
                "/fhir/r4/Patient/" + k.patient + "/$everything");
    }

    private long audited(String user, String action, String outcome) {
        return jdbc.sql("select count(*) from audit_event where patient_id = ? and username = ? and action = ? and outcome = ?")
                .params(vip.id, user, action, outcome).query(Long.class).single();
    }

    @Test
    void withoutACareRelationshipOrAGrantEveryReadIsRefusedInWordsAndAudited() {
        String user = clinician();
        for (String path : readsOf(vip)) {
            Api.Response r = api.as(user, "GET", path, null);
            assertThat(r.status()).as(path + " " + r.body()).isEqualTo(403);
            JsonNode issue = r.json().path("issue").get(0);
            assertThat(r.json().path("resourceType").asString()).isEqualTo("OperationOutcome");
            assertThat(issue.path("code").asString()).isEqualTo("forbidden");
            assertThat(issue.path("diagnostics").asString()).as(path)
                    .startsWith("Break the glass required: ")
                    .contains("no care relationship", "/api/patients/" + vip.id + "/break-glass");
        }
        assertThat(audited(user, "ACCESS_DENIED", "FAILURE")).as("one ACCESS_DENIED event per refusal").isEqualTo(readsOf(vip).size());
        assertThat(jdbc.sql("select count(*) from audit_event where patient_id = ? and username = ? and action <> 'ACCESS_DENIED'")
                .params(vip.id, user).query(Long.class).single()).as("nothing of the chart read before the refusal").isZero();
        // The neighbour, not flagged, reads as before.
        for (String path : readsOf(neighbour)) {
            assertThat(api.as(user, "GET", path, null).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void searchesAcrossPatientsLeaveTheFlaggedPatientOutUntilTheGlassIsBroken() {
        String user = clinician();
        String byCode = "/fhir/r4/Observation?code=urn:test:btg%7C" + code;
        JsonNode found = api.as(user, "GET", byCode, null).json();
        assertThat(found.path("total").asInt()).isEqualTo(1);
        assertThat(ids(found)).containsExactly(neighbour.observation);
        assertThat(api.as(user, "GET", byCode + "&_summary=count", null).json().path("total").asInt()).isEqualTo(1);
        assertThat(ids(api.as(user, "GET", byCode + "&_include=Observation:patient", null).json()))
                .containsExactlyInAnyOrder(neighbour.observation, neighbour.patient);
        assertThat(ids(api.as(user, "GET", "/fhir/r4/Patient?family=" + family, null).json()))
                .as("the chart's own patient search").containsExactly(String.valueOf(neighbour.id));
        assertThat(ids(api.as(user, "GET", "/fhir/r4/Patient?identifier=urn:test:btg%7C" + vip.patient, null).json())).isEmpty();
        assertThat(ids(api.as(user, "GET", "/fhir/r4/Patient?family=" + family + "&_elements=name", null).json()))
                .as("the kept Patient resources").containsExactly(neighbour.patient);
        assertThat(api.as(user, "GET", "/fhir/r4/Patient?family=" + family + "&_summary=count", null).json().path("total").asInt())
                .isEqualTo(1);
        assertThat(ids(api.as(user, "GET", "/fhir/r4/Observation?_id=" + vip.observation, null).json())).isEmpty();
        assertThat(audited(user, "READ", "SUCCESS") + audited(user, "SEARCH", "SUCCESS")).as("the flagged patient not read").isZero();

        breakTheGlass(user);
        found = api.as(user, "GET", byCode, null).json();
        assertThat(found.path("total").asInt()).isEqualTo(2);
        assertThat(ids(found)).containsExactlyInAnyOrder(vip.observation, neighbour.observation);
        assertThat(ids(api.as(user, "GET", "/fhir/r4/Patient?family=" + family, null).json()))
                .containsExactlyInAnyOrder(String.valueOf(vip.id), String.valueOf(neighbour.id));
    }

    @Test
    void aBreakTheGlassGrantOpensEveryReadAuditedAsUsual() {
        String user = clinician();
        assertThat(api.as(user, "GET", "/fhir/r4/Patient/" + vip.id, null).status()).isEqualTo(403);
        breakTheGlass(user);
        for (String path : readsOf(vip)) {
            Api.Response r = api.as(user, "GET", path, null);
            assertThat(r.status()).as(path + " " + r.body()).isEqualTo(200);
        }
        assertThat(ids(api.as(user, "GET", "/fhir/r4/Patient/" + vip.patient + "/$everything", null).json()))
                .contains(vip.patient, vip.encounter, vip.observation);
        assertThat(audited(user, "READ", "SUCCESS")).as("the reads audited as usual").isPositive();
    }

    @Test
    void aCareRelationshipOpensItWithoutBreakingTheGlass() {
        String user = clinician();
        assertThat(api.as(user, "GET", "/fhir/r4/Observation/" + vip.observation, null).status()).isEqualTo(403);
        // A legal hold the user placed is their reason (the retention module's AccessReasons), as on the chart.
        jdbc.sql("insert into legal_hold (patient_id, matter, reason, placed_by, placed_at) values (?, 'Doe v. Hospital', 'litigation', ?, now())")
                .params(vip.id, user).update();
        for (String path : readsOf(vip)) {
            assertThat(api.as(user, "GET", path, null).status()).as(path).isEqualTo(200);
        }
        assertThat(ids(api.as(user, "GET", "/fhir/r4/Observation?code=urn:test:btg%7C" + code, null).json()))
                .containsExactlyInAnyOrder(vip.observation, neighbour.observation);
    }

    private void breakTheGlass(String user) {
        Api.Response grant = api.as(user, "POST", "/api/patients/" + vip.id + "/break-glass",
                "{\"purposeOfUse\":\"ETREAT\",\"reason\":\"Called to the emergency department for this patient\"}");
        assertThat(grant.status()).as(grant.body()).isEqualTo(201);
    }

    private static List<String> ids(JsonNode bundle) {
        List<String> ids = new ArrayList<>();
        bundle.path("entry").forEach(e -> ids.add(e.path("resource").path("id").asString()));
        return ids;
    }
}
