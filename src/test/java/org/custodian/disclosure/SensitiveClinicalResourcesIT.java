package org.custodian.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.custodian.interop.FhirBundleImport;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Sensitive kept clinical resources are segmented as documents are (issue 15): a substance use
 * disorder diagnosis (ICD-10-CM F11), an addiction medication (buprenorphine/naloxone) and a urine
 * drug screen are Part 2 records (42 CFR 2.11, 2.12), an HIV diagnosis is protected by state law;
 * nicotine dependence (F17) is not Part 2 (2.11 excludes tobacco). Part 2 records are left out of
 * FHIR reads, searches and $everything of readers without chart:read-sensitive (42 CFR 2.13); a
 * third party's release without an authorization naming the category withholds them and says why
 * (42 CFR 2.31); the patient's own request gets them (42 CFR 2.23).
 */
@CustodianTest
class SensitiveClinicalResourcesIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired FhirBundleImport fhir;
    @Autowired JdbcClient jdbc;

    private final LocalDate today = org.custodian.support.HospitalToday.date();
    private final String family = "Segment" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "q");
    private final String p = UUID.randomUUID().toString();
    private final String opioid = UUID.randomUUID().toString();
    private final String nicotine = UUID.randomUUID().toString();
    private final String hiv = UUID.randomUUID().toString();
    private final String bupe = UUID.randomUUID().toString();
    private final String screen = UUID.randomUUID().toString();
    private final String glucose = UUID.randomUUID().toString();
    private long patientId;

    @BeforeEach
    void record() {
        String lab = "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"laboratory\"}]}]";
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"Patient","id":"%1$s","name":[{"family":"%2$s","given":["Lee"]}],
                   "gender":"male","birthDate":"1980-06-07","identifier":[{"system":"urn:test:segmentation","value":"%1$s"}]}},
                 %4$s, %5$s, %6$s,
                 {"fullUrl":"urn:uuid:%7$s","resource":{"resourceType":"MedicationRequest","id":"%7$s","status":"active","intent":"order",
                   "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"352364",
                     "display":"buprenorphine / naloxone"}]},
                   "subject":{"reference":"urn:uuid:%1$s"},"authoredOn":"%3$sT09:00:00Z"}},
                 {"fullUrl":"urn:uuid:%8$s","resource":{"resourceType":"Observation","id":"%8$s","status":"final",%10$s,
                   "code":{"coding":[{"system":"http://loinc.org","code":"19296-3","display":"Opiates tested for in Urine by Screen method"}]},
                   "subject":{"reference":"urn:uuid:%1$s"},"effectiveDateTime":"%3$sT08:00:00Z","valueString":"Positive"}},
                 {"fullUrl":"urn:uuid:%9$s","resource":{"resourceType":"Observation","id":"%9$s","status":"final",%10$s,
                   "code":{"coding":[{"system":"http://loinc.org","code":"2345-7","display":"Glucose [Mass/volume] in Serum or Plasma"}]},
                   "subject":{"reference":"urn:uuid:%1$s"},"effectiveDateTime":"%3$sT08:00:00Z","valueQuantity":{"value":99,"unit":"mg/dL"}}}
                ]}""".formatted(p, family, today.minusDays(10),
                condition(opioid, "F11.20", "Opioid dependence, uncomplicated"),
                condition(nicotine, "F17.210", "Nicotine dependence, cigarettes, uncomplicated"),
                condition(hiv, "B20", "Human immunodeficiency virus [HIV] disease"), bupe, screen, glucose, lab);
        FhirBundleImport.Result[] r = new FhirBundleImport.Result[1];
        accounts.runAs(Role.INTERFACE_ENGINE, () -> r[0] = fhir.importContent("segmentation.json", bundle.getBytes(StandardCharsets.UTF_8)));
        assertThat(r[0].rejection()).isNull();
        patientId = jdbc.sql("select patient_id from clinical_resource where resource_type = 'Patient' and fhir_id = ?")
                .param(p).query(Long.class).single();
    }

    private String condition(String id, String code, String display) {
        return """
                {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"Condition","id":"%1$s",
                   "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                   "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"%2$s","display":"%3$s"}]},
                   "subject":{"reference":"urn:uuid:%4$s"},"onsetDateTime":"%5$sT10:00:00Z"}}"""
                .formatted(id, code, display, p, today.minusDays(12));
    }

    private String tagsOf(String type, String id) {
        return jdbc.sql("select array_to_string(sensitivity, ',') from clinical_resource where resource_type = ? and fhir_id = ?")
                .params(type, id).query(String.class).single();
    }

    @Test
    void theRulesTagWhatTheyName() {
        assertThat(tagsOf("Condition", opioid)).isEqualTo("SUBSTANCE_USE_DISORDER");
        assertThat(tagsOf("Condition", nicotine)).as("tobacco is not Part 2 (42 CFR 2.11)").isEmpty();
        assertThat(tagsOf("Condition", hiv)).isEqualTo("HIV_AIDS");
        assertThat(tagsOf("MedicationRequest", bupe)).isEqualTo("SUBSTANCE_USE_DISORDER");
        assertThat(tagsOf("Observation", screen)).isEqualTo("SUBSTANCE_USE_DISORDER");
        assertThat(tagsOf("Observation", glucose)).isEmpty();
        // Every rule cites the law that makes it sensitive.
        assertThat(jdbc.sql("select count(*) from clinical_sensitivity_rule where citation !~ '(CFR|law)'").query(Long.class).single())
                .isZero();
    }

    /** 42 CFR 2.13 and minimum necessary (45 CFR 164.502(b)): a coder's FHIR reads leave Part 2 records out. */
    @Test
    void part2ResourcesAreLeftOutOfFhirReadsWithoutChartReadSensitive() {
        String coder = accounts.of(Role.CODER);
        String director = accounts.of(Role.HIM_DIRECTOR);
        assertThat(ids(api.as(coder, "GET", "/fhir/r4/Condition?patient=" + p, null))).containsExactlyInAnyOrder(nicotine, hiv);
        assertThat(ids(api.as(director, "GET", "/fhir/r4/Condition?patient=" + p, null))).containsExactlyInAnyOrder(opioid, nicotine, hiv);
        assertThat(api.as(coder, "GET", "/fhir/r4/Observation?patient=" + p + "&_summary=count", null).json().path("total").asInt())
                .isEqualTo(1);
        assertThat(api.as(director, "GET", "/fhir/r4/Observation?patient=" + p + "&_summary=count", null).json().path("total").asInt())
                .isEqualTo(2);

        Api.Response refused = api.as(coder, "GET", "/fhir/r4/Observation/" + screen, null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(api.as(coder, "GET", "/fhir/r4/Observation/" + glucose, null).status()).isEqualTo(200);
        assertThat(api.as(director, "GET", "/fhir/r4/Observation/" + screen, null).status()).isEqualTo(200);

        List<String> coderSees = ids(api.as(coder, "GET", "/fhir/r4/Patient/" + p + "/$everything", null));
        assertThat(coderSees).contains(p, nicotine, hiv, glucose).doesNotContain(opioid, bupe, screen);
        assertThat(ids(api.as(director, "GET", "/fhir/r4/Patient/" + p + "/$everything", null))).contains(opioid, bupe, screen);
        // The refusal is in the audit log, as a denied read of that resource.
        assertThat(jdbc.sql("select count(*) from audit_event where patient_id = ? and outcome = 'DENIED' and resource_type = 'Observation'")
                .param(patientId).query(Long.class).single()).isEqualTo(1);
    }

    /** 42 CFR 2.31: a third party's authorization that does not name Part 2 records releases the rest only. */
    @Test
    void aThirdPartyReleaseWithoutPart2ConsentWithholdsThemAndSaysWhy() {
        JsonNode plain = release("THIRD_PARTY", authorization("[]"));
        String text = packetText(plain.path("requestId").asLong());
        // The recipient learns neither what was withheld nor its category (42 CFR 2.13), only how many.
        assertThat(text).contains("Glucose", "Nicotine dependence", "4 entries of the clinical record, withheld")
                .doesNotContain("Opioid", "buprenorphine", "Opiates", "HIV", "Human immunodeficiency");
        JsonNode withheld = plain.path("withheld");
        List<String> reasons = new ArrayList<>();
        withheld.forEach(w -> reasons.add(w.path("title").asString() + " | " + w.path("reason").asString()));
        assertThat(reasons).hasSize(4).anySatisfy(s -> assertThat(s).contains("Opioid dependence", "42 CFR 2.31"))
                .anySatisfy(s -> assertThat(s).contains("Medications: buprenorphine / naloxone", "42 CFR 2.31"))
                .anySatisfy(s -> assertThat(s).contains("Laboratory results: Opiates tested", "42 CFR 2.31"))
                .anySatisfy(s -> assertThat(s).contains("Human immunodeficiency virus", "state HIV confidentiality law"));

        JsonNode consented = release("THIRD_PARTY", authorization("[\"SUBSTANCE_USE_DISORDER\"]"));
        assertThat(packetText(consented.path("requestId").asLong())).contains("Opioid dependence", "buprenorphine", "Opiates tested").doesNotContain("HIV");

        // The patient's own request (right of access; 42 CFR 2.23) gets the whole of it.
        assertThat(packetText(release("PATIENT", "null").path("requestId").asLong())).contains("Opioid dependence", "buprenorphine", "Opiates tested", "HIV");
    }

    private List<String> ids(Api.Response r) {
        return SegmentedReleases.ids(r);
    }

    private SegmentedReleases releases() {
        return new SegmentedReleases(api, accounts, patientId, "Lee " + family, today);
    }

    private String authorization(String named) {
        return releases().authorization(named);
    }

    private JsonNode release(String requesterType, String authorizationJson) {
        return releases().release(requesterType, "[\"LABS\",\"MEDICATIONS\",\"PROBLEMS\"]", authorizationJson);
    }

    private String packetText(long id) {
        return releases().packetText(id);
    }
}
