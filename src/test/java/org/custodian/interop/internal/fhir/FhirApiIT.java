package org.custodian.interop.internal.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * POST /fhir/r4 and the read API: each malformed kind is rejected whole with an OperationOutcome
 * naming the entry and the problem (and nothing is stored); a good transaction is read back,
 * searched, paged; unknown search or sort parameters are a 400.
 */
@CustodianTest
class FhirApiIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired FhirImports imports;
    @Autowired FhirContext fhir;

    /** Entry 0 a good patient, entry 1 whatever is given: a partial import would leave the patient behind. */
    static String bundle(String type, String patientId, String family, String secondEntry) {
        return """
                {"resourceType":"Bundle","type":"%s","entry":[
                 {"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Patient","id":"%s",
                  "identifier":[{"system":"urn:test:src","value":"%s"}],
                  "name":[{"family":"%s","given":["Ada","Marie"]}],"gender":"female","birthDate":"1970-05-06",
                  "address":[{"line":["1 Main St"],"city":"Boston","state":"Massachusetts","postalCode":"02115"}]},
                  "request":{"method":"POST","url":"Patient"}}%s]}""".formatted(type, patientId, patientId, patientId, family,
                secondEntry == null ? "" : "," + secondEntry);
    }

    static String encounter(String id, String subject, String start, String end) {
        return """
                {"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Encounter","id":"%s","status":"finished",
                 "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},
                 "subject":{"reference":"%s"},"period":{"start":"%s","end":"%s"}},
                 "request":{"method":"POST","url":"Encounter"}}""".formatted(id, id, subject, start, end);
    }

    private Map<String, Long> counts() {
        Map<String, Long> c = new LinkedHashMap<>();
        for (String t : new String[] {"patient", "encounter", "clinical_document", "chart_finding", "fhir_source_map"}) {
            c.put(t, jdbc.sql("select count(*) from " + t).query(Long.class).single());
        }
        return c;
    }

    private Api.Response post(String body) {
        return api.as(accounts.of(Role.INTERFACE_ENGINE), "POST", "/fhir/r4", body);
    }

    private void rejected(String body, String... named) {
        Map<String, Long> before = counts();
        Api.Response r = post(body);
        assertThat(r.status()).as(r.body()).isBetween(400, 422);
        JsonNode outcome = r.json();
        assertThat(outcome.path("resourceType").asString()).isEqualTo("OperationOutcome");
        String diagnostics = outcome.path("issue").get(0).path("diagnostics").asString();
        for (String n : named) {
            assertThat(diagnostics).contains(n);
        }
        assertThat(counts()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void eachMalformedKindIsRejectedWholeWithANamedReason() {
        String p = UUID.randomUUID().toString();
        rejected("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":", "invalid JSON", "line 1");
        rejected(bundle("transaction", p, "Reject", """
                {"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Frobnicator","id":"x1"}}""".formatted(UUID.randomUUID())),
                "entry 1", "Frobnicator");
        rejected(bundle("transaction", p, "Reject", encounter(UUID.randomUUID().toString(),
                "urn:uuid:" + UUID.randomUUID(), "2024-01-01T10:00:00Z", "2024-01-02T10:00:00Z")),
                "entry 1 (Encounter)", "subject", "unresolvable reference");
        rejected(bundle("transaction", p, "Reject", encounter(UUID.randomUUID().toString(),
                "Patient/" + UUID.randomUUID(), "2024-01-01T10:00:00Z", "2024-01-02T10:00:00Z")),
                "entry 1 (Encounter)", "neither in this bundle nor imported before");
        // Validation: a period that ends before it starts; a gender outside the value set; no birth date.
        rejected(bundle("transaction", p, "Reject", encounter(UUID.randomUUID().toString(),
                "urn:uuid:" + p, "2024-01-02T10:00:00Z", "2024-01-01T10:00:00Z")), "entry 1 (Encounter)", "period.end");
        rejected(bundle("transaction", p, "Reject", null).replace("\"female\"", "\"maybe\""), "entry 0 (Patient)", "gender");
        rejected(bundle("transaction", p, "Reject", null).replace(",\"birthDate\":\"1970-05-06\"", ""), "entry 0 (Patient)", "birthDate");
        rejected(bundle("searchset", p, "Reject", null), "Bundle.type", "searchset");
        rejected("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"X\"}]}", "only a Bundle");
    }

    /** A sender's own ids ("Patient/123") mean nothing to another sender: two EHRs' Patient/123 are two people. */
    @Test
    void sameNonUuidIdFromTwoSendersIsTwoPatientsAndReferencesResolveWithinTheSender() {
        String id = "pt" + UUID.randomUUID().toString().substring(0, 8);
        String familyA = TestPatients.uniqueName("Sendera");
        String familyB = TestPatients.uniqueName("Senderb");
        String ehrA = accounts.of(Role.INTERFACE_ENGINE);
        String ehrB = accounts.of(Role.HIM_DIRECTOR);
        assertThat(api.as(ehrA, "POST", "/fhir/r4", patientOnly(id, familyA)).status()).isEqualTo(200);
        assertThat(api.as(ehrB, "POST", "/fhir/r4", patientOnly(id, familyB)).status()).isEqualTo(200);
        assertThat(api.as(ehrA, "POST", "/fhir/r4", patientOnly(id, familyA)).status()).as("re-sent: unchanged").isEqualTo(200);
        assertThat(patientsNamed(familyA)).isEqualTo(1);
        assertThat(patientsNamed(familyB)).isEqualTo(1);

        String visit = UUID.randomUUID().toString();
        Api.Response r = api.as(ehrB, "POST", "/fhir/r4", """
                {"resourceType":"Bundle","type":"transaction","entry":[%s]}""".formatted(
                encounter(visit, "Patient/" + id, "2024-05-01T08:00:00Z", "2024-05-02T08:00:00Z")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(jdbc.sql("""
                        select p.family_name from encounter e join patient p on p.id = e.patient_id
                        join fhir_source_map m on m.resource_type = 'Encounter' and m.local_id = e.id
                        where m.source_key = ?""").param("id:" + visit).query(String.class).single())
                .isEqualTo(familyB);
    }

    private static String patientOnly(String id, String family) {
        return """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"Patient/%1$s","resource":{"resourceType":"Patient","id":"%1$s",
                  "name":[{"family":"%2$s","given":["Sam"]}],"gender":"male","birthDate":"1980-01-02"},
                  "request":{"method":"PUT","url":"Patient/%1$s"}}]}""".formatted(id, family);
    }

    private long patientsNamed(String family) {
        return jdbc.sql("select count(*) from patient where family_name = ?").param(family).query(Long.class).single();
    }

    @Test
    void xmlBundlesImportLikeJsonAndAnUnknownElementIsRejected() {
        String p = UUID.randomUUID().toString();
        String family = "Xml" + p.substring(0, 6).replaceAll("[0-9-]", "q");
        var bundle = fhir.newJsonParser().parseResource(bundle("batch", p, family, null));
        String xml = fhir.newXmlParser().encodeResourceToString(bundle);
        FhirImports.Outcome[] out = new FhirImports.Outcome[2];
        accounts.runAs(Role.INTERFACE_ENGINE, () -> {
            out[0] = imports.importUnit("b.xml", xml.getBytes(StandardCharsets.UTF_8));
            out[1] = imports.importUnit("c.xml", xml.replace("<gender", "<colour value=\"red\"/><gender").getBytes(StandardCharsets.UTF_8));
        });
        assertThat(out[0].rejection()).isNull();
        assertThat(out[0].report().created()).containsEntry("Patient", 1);
        assertThat(out[1].rejection()).isNotNull();
        assertThat(out[1].rejection().getMessage()).contains("colour");
    }

    @Test
    void aTransactionIsStoredReadBackSearchedAndPagedAndASecondPostChangesNothing() {
        String p = UUID.randomUUID().toString();
        String family = "Fhirtest" + p.substring(0, 8).replaceAll("[0-9-]", "x");
        String e1 = UUID.randomUUID().toString();
        String e2 = UUID.randomUUID().toString();
        String rest = encounter(e1, "urn:uuid:" + p, "2024-03-01T08:00:00Z", "2024-03-04T12:00:00Z") + ","
                + encounter(e2, "urn:uuid:" + p, "2025-06-01T08:00:00Z", "2025-06-02T09:00:00Z") + ","
                + """
                {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"Condition","id":"%1$s",
                  "code":{"coding":[{"system":"http://snomed.info/sct","code":"38341003","display":"Hypertension"},
                                    {"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"I10","display":"Essential hypertension"}]},
                  "subject":{"reference":"urn:uuid:%2$s"},"encounter":{"reference":"urn:uuid:%3$s"},"recordedDate":"2024-03-01"}},
                {"fullUrl":"urn:uuid:%4$s","resource":{"resourceType":"Procedure","id":"%4$s","status":"completed",
                  "code":{"coding":[{"system":"http://snomed.info/sct","code":"80146002","display":"Appendectomy"}]},
                  "subject":{"reference":"urn:uuid:%2$s"},"encounter":{"reference":"urn:uuid:%3$s"},
                  "performedPeriod":{"start":"2024-03-02T09:00:00Z","end":"2024-03-02T10:00:00Z"}}},
                {"fullUrl":"urn:uuid:%5$s","resource":{"resourceType":"DocumentReference","id":"%5$s","status":"current",
                  "type":{"coding":[{"system":"http://loinc.org","code":"18842-5","display":"Discharge summary"}]},
                  "subject":{"reference":"urn:uuid:%2$s"},"date":"2024-03-04T12:00:00Z",
                  "author":[{"display":"Dr. Note Writer"}],"context":{"encounter":[{"reference":"urn:uuid:%3$s"}]},
                  "content":[{"attachment":{"contentType":"text/plain","data":"%6$s"}}]}},
                {"fullUrl":"urn:uuid:%7$s","resource":{"resourceType":"Observation","id":"%7$s","status":"final",
                  "code":{"text":"not kept"},"subject":{"reference":"urn:uuid:%2$s"}}}"""
                .formatted(UUID.randomUUID(), p, e1, UUID.randomUUID(), UUID.randomUUID(),
                        java.util.Base64.getEncoder().encodeToString("Discharged home, stable.".getBytes(StandardCharsets.UTF_8)),
                        UUID.randomUUID());
        String body = bundle("transaction", p, family, rest);
        Api.Response r = post(body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode response = r.json();
        assertThat(response.path("type").asString()).isEqualTo("transaction-response");
        assertThat(response.path("entry").size()).isEqualTo(7);
        String patientLocation = response.path("entry").get(0).path("response").path("location").asString();
        assertThat(patientLocation).startsWith("Patient/");
        // An Observation is kept too (issue #15): nothing is dropped.
        assertThat(response.path("entry").get(6).path("response").path("status").asString()).isEqualTo("201 Created");

        Map<String, Long> before = counts();
        Api.Response again = post(body);
        assertThat(again.status()).isEqualTo(200);
        for (JsonNode e : again.json().path("entry")) {
            assertThat(e.path("response").path("status").asString()).isEqualTo("200 OK");
        }
        assertThat(counts()).isEqualTo(before);

        String clerk = accounts.of(Role.CODER);
        JsonNode patient = api.as(clerk, "GET", "/fhir/r4/" + patientLocation, null).json();
        assertThat(patient.path("name").get(0).path("family").asString()).isEqualTo(family);
        assertThat(patient.path("address").get(0).path("state").asString()).isEqualTo("MA");
        String patientId = patientLocation.substring("Patient/".length());

        JsonNode found = api.as(clerk, "GET", "/fhir/r4/Patient?family=" + family.toLowerCase() + "&birthdate=1970-05-06&gender=female", null).json();
        assertThat(found.path("type").asString()).isEqualTo("searchset");
        assertThat(found.path("entry").size()).isEqualTo(1);
        assertThat(api.as(clerk, "GET", "/fhir/r4/Patient?identifier=urn:test:src%7C" + p, null).json().path("entry").size()).isEqualTo(1);

        JsonNode page1 = api.as(clerk, "GET", "/fhir/r4/Encounter?patient=" + patientId + "&_count=1&_sort=date", null).json();
        assertThat(page1.path("entry").size()).isEqualTo(1);
        assertThat(page1.path("entry").get(0).path("resource").path("period").path("start").asString()).startsWith("2024-03-01");
        String next = null;
        for (JsonNode link : page1.path("link")) {
            if (link.path("relation").asString().equals("next")) {
                next = link.path("url").asString();
            }
        }
        assertThat(next).isNotNull();
        JsonNode page2 = api.as(clerk, "GET", next.substring(next.indexOf("/fhir/r4")), null).json();
        assertThat(page2.path("entry").get(0).path("resource").path("period").path("start").asString()).startsWith("2025-06-01");
        assertThat(api.as(clerk, "GET", "/fhir/r4/Encounter?patient=" + patientId + "&date=ge2025-01-01", null).json()
                .path("entry").size()).isEqualTo(1);

        String encounterId = page1.path("entry").get(0).path("resource").path("id").asString();
        JsonNode conditions = api.as(clerk, "GET", "/fhir/r4/Condition?encounter=" + encounterId, null).json();
        JsonNode coding = conditions.path("entry").get(0).path("resource").path("code").path("coding").get(0);
        assertThat(coding.path("system").asString()).isEqualTo("http://hl7.org/fhir/sid/icd-10-cm");
        assertThat(coding.path("code").asString()).isEqualTo("I10");
        JsonNode procedures = api.as(clerk, "GET", "/fhir/r4/Procedure?patient=" + patientId, null).json();
        assertThat(procedures.path("entry").get(0).path("resource").path("performedDateTime").asString()).startsWith("2024-03-02");

        JsonNode docs = api.as(clerk, "GET", "/fhir/r4/DocumentReference?patient=" + patientId + "&type=http://loinc.org%7C18842-5", null).json();
        assertThat(docs.path("entry").size()).isEqualTo(1);
        String docId = docs.path("entry").get(0).path("resource").path("id").asString();
        JsonNode doc = api.as(clerk, "GET", "/fhir/r4/DocumentReference/" + docId, null).json();
        String text = new String(java.util.Base64.getDecoder().decode(
                doc.path("content").get(0).path("attachment").path("data").asString()), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("Discharged home, stable.");

        // Reads are audited, with the patient named.
        long audited = jdbc.sql("select count(*) from audit_event where patient_id = ? and action in ('READ', 'SEARCH') and username = ?")
                .params(Long.parseLong(patientId), clerk).query(Long.class).single();
        assertThat(audited).isGreaterThanOrEqualTo(6);
    }

    @Test
    void onlyWhitelistedSearchAndSortParametersAreAccepted() {
        String clerk = accounts.of(Role.CODER);
        Api.Response r = api.as(clerk, "GET", "/fhir/r4/Patient?_has:Observation:patient:code=1234", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("issue").get(0).path("diagnostics").asString()).contains("_has:Observation:patient:code");
        r = api.as(clerk, "GET", "/fhir/r4/Encounter?_sort=status", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("issue").get(0).path("diagnostics").asString()).contains("_sort");
        assertThat(api.as(clerk, "GET", "/fhir/r4/Patient?_count=1000", null).status()).isEqualTo(400);
        assertThat(api.as(clerk, "GET", "/fhir/r4/Encounter?date=xx2024-01-01", null).status()).isEqualTo(400);
        assertThat(api.as(clerk, "GET", "/fhir/r4/Condition", null).status()).isEqualTo(400);
        assertThat(api.as(clerk, "GET", "/fhir/r4/Patient/999999999", null).status()).isEqualTo(404);
        JsonNode cs = api.as(clerk, "GET", "/fhir/r4/metadata", null).json();
        assertThat(cs.path("resourceType").asString()).isEqualTo("CapabilityStatement");
        assertThat(cs.path("fhirVersion").asString()).isEqualTo("4.0.1");
    }
}
