package org.custodian.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.custodian.chart.Sensitivity;
import org.custodian.chart.SensitivityTags;
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
 * A document imported over FHIR is kept twice: filed in the chart (where it is tagged) and as the
 * resource received (the DocumentReference, and Synthea's DiagnosticReport copy of the same note),
 * read by {@code $everything}, searches, reads by id, {@code $export} and the patient's EHI export.
 * The kept copy is read under the chart document's own tags, including tags put on the document
 * after the import (issue 15):
 * <ul>
 *   <li>a psychotherapy note (45 CFR 164.501) is used only by its originator (164.508(a)(2)(i)(A)):
 *   its copies are refused to everyone else, chart:read-sensitive or not, and are outside the
 *   patient's right of access (164.524(a)(1)(i));</li>
 *   <li>a Part 2 program's record (42 CFR 2.12) is left out for readers without chart:read-sensitive
 *   (42 CFR 2.13) and withheld from a third party's release that the patient did not consent to
 *   specifically (42 CFR 2.31), while the patient's own request gets it (42 CFR 2.23).</li>
 * </ul>
 * Refusals by id are audited as denied reads.
 */
@CustodianTest
class SensitiveDocumentCopiesIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired FhirBundleImport fhir;
    @Autowired SensitivityTags tags;
    @Autowired JdbcClient jdbc;

    private final LocalDate today = org.custodian.support.HospitalToday.date();
    private final String family = "Copy" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "x");
    private final String p = UUID.randomUUID().toString();
    /** The psychotherapy note: a DiagnosticReport and the DocumentReference naming it (Synthea's shape). */
    private final String psychReport = UUID.randomUUID().toString();
    private final String psychReference = UUID.randomUUID().toString();
    /** A Part 2 program's urine toxicology report (a lab report with its text). */
    private final String toxReport = UUID.randomUUID().toString();
    /** An ordinary discharge summary. */
    private final String plainReference = UUID.randomUUID().toString();
    private final String psychTitle = "Psychotherapy session " + family;
    private final String toxTitle = "Urine toxicology report " + family;
    private long patientId;

    @BeforeEach
    void importThenTag() {
        String author = StaffAccounts.CLINICIAN_NAME;
        long therapist = accounts.clinicianPractitioner(); // the note's originator, the test clinician
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"Patient","id":"%1$s","name":[{"family":"%2$s","given":["Robin"]}],
                   "gender":"female","birthDate":"1984-03-09","identifier":[{"system":"urn:test:copies","value":"%1$s"}]}},
                 {"fullUrl":"urn:uuid:%3$s","resource":{"resourceType":"DiagnosticReport","id":"%3$s","status":"final",
                   "code":{"coding":[{"system":"http://loinc.org","code":"11506-3"}],"text":"%4$s"},
                   "subject":{"reference":"urn:uuid:%1$s"},"effectiveDateTime":"%5$sT15:00:00Z","issued":"%5$sT15:00:00Z",
                   "performer":[{"display":"%6$s"}],
                   "presentedForm":[{"contentType":"text/plain","data":"%7$s"}]}},
                 {"fullUrl":"urn:uuid:%8$s","resource":{"resourceType":"DocumentReference","id":"%8$s","status":"current",
                   "identifier":[{"system":"urn:ietf:rfc:3986","value":"urn:uuid:%3$s"}],
                   "type":{"coding":[{"system":"http://loinc.org","code":"11506-3"}],"text":"%4$s"},
                   "subject":{"reference":"urn:uuid:%1$s"},"date":"%5$sT15:00:00Z","author":[{"display":"%6$s"}],
                   "content":[{"attachment":{"contentType":"text/plain","data":"%7$s"}}]}},
                 {"fullUrl":"urn:uuid:%9$s","resource":{"resourceType":"DiagnosticReport","id":"%9$s","status":"final",
                   "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0074","code":"LAB"}]}],
                   "code":{"coding":[{"system":"http://loinc.org","code":"11502-2"}],"text":"%10$s"},
                   "subject":{"reference":"urn:uuid:%1$s"},"effectiveDateTime":"%5$sT09:00:00Z","issued":"%5$sT09:00:00Z",
                   "performer":[{"display":"Dr. Ames"}],"conclusion":"Positive for opiates",
                   "presentedForm":[{"contentType":"text/plain","data":"%11$s"}]}},
                 {"fullUrl":"urn:uuid:%12$s","resource":{"resourceType":"DocumentReference","id":"%12$s","status":"current",
                   "type":{"coding":[{"system":"http://loinc.org","code":"18842-5","display":"Discharge summary"}]},
                   "subject":{"reference":"urn:uuid:%1$s"},"date":"%5$sT18:00:00Z","author":[{"display":"Dr. Ames"}],
                   "content":[{"attachment":{"contentType":"text/plain","data":"%13$s"}}]}}
                ]}""".formatted(p, family, psychReport, psychTitle, today.minusDays(5), author,
                base64("Patient discussed childhood events in session."), psychReference, toxReport, toxTitle,
                base64("Opiates: positive. Program: outpatient opioid treatment."), plainReference,
                base64("Discharged home in good condition."));
        FhirBundleImport.Result[] r = new FhirBundleImport.Result[1];
        accounts.runAs(Role.INTERFACE_ENGINE, () -> r[0] = fhir.importContent("copies.json", bundle.getBytes(StandardCharsets.UTF_8)));
        assertThat(r[0].rejection()).isNull();
        patientId = jdbc.sql("select patient_id from clinical_resource where resource_type = 'Patient' and fhir_id = ?")
                .param(p).query(Long.class).single();
        long psychDocument = documentTitled(psychTitle);
        long toxDocument = documentTitled(toxTitle);
        assertThat(jdbc.sql("select author_id from clinical_document where id = ?").param(psychDocument).query(Long.class).single())
                .as("the note's author is the test clinician's practitioner").isEqualTo(therapist);
        // Tagged after the import, in the chart: the kept copies were stored without these tags.
        accounts.runAs(Role.HIM_DIRECTOR, () -> {
            tags.tagDocument(psychDocument, Sensitivity.PSYCHOTHERAPY_NOTES);
            tags.tagDocument(toxDocument, Sensitivity.SUBSTANCE_USE_DISORDER);
        });
    }

    /** 42 CFR 2.13, 45 CFR 164.508(a)(2), minimum necessary (164.502(b)): a coder sees neither copy. */
    @Test
    void aCodersFhirReadsLeaveTheTaggedCopiesOutAndRefuseThemByIdAudited() {
        String coder = accounts.of(Role.CODER);
        assertThat(ids(api.as(coder, "GET", "/fhir/r4/Patient/" + p + "/$everything", null)))
                .contains(p, plainReference).doesNotContain(psychReport, psychReference, toxReport);
        assertThat(ids(api.as(coder, "GET", "/fhir/r4/DocumentReference?patient=" + p, null)))
                .containsExactly(plainReference);
        assertThat(ids(api.as(coder, "GET", "/fhir/r4/DiagnosticReport?patient=" + p, null))).isEmpty();
        assertThat(api.as(coder, "GET", "/fhir/r4/DiagnosticReport?patient=" + p + "&_summary=count", null).json()
                .path("total").asInt()).isZero();
        assertThat(ids(api.as(coder, "GET", "/fhir/r4/DocumentReference?_id=" + psychReference + "," + plainReference, null)))
                .containsExactly(plainReference);

        assertThat(api.as(coder, "GET", "/fhir/r4/DocumentReference/" + psychReference, null).status()).isEqualTo(403);
        assertThat(api.as(coder, "GET", "/fhir/r4/DiagnosticReport/" + psychReport, null).status()).isEqualTo(403);
        Api.Response tox = api.as(coder, "GET", "/fhir/r4/DiagnosticReport/" + toxReport, null);
        assertThat(tox.status()).isEqualTo(403);
        assertThat(tox.body()).doesNotContain("Opiates", "toxicology");
        assertThat(api.as(coder, "GET", "/fhir/r4/DocumentReference/" + plainReference, null).status()).isEqualTo(200);
        assertThat(denied(coder)).containsExactlyInAnyOrder("DiagnosticReport " + psychReport, "DiagnosticReport " + toxReport,
                "DocumentReference " + psychReference);
    }

    /** 45 CFR 164.508(a)(2)(i)(A): the originator reads the note's copies; others with chart:read-sensitive the Part 2 one only. */
    @Test
    void theAuthorReadsThePsychotherapyCopiesAndOtherSensitiveReadersOnlyThePart2One() {
        String author = accounts.of(Role.CLINICIAN);
        assertThat(ids(api.as(author, "GET", "/fhir/r4/Patient/" + p + "/$everything", null)))
                .contains(p, plainReference, psychReport, psychReference, toxReport);
        assertThat(api.as(author, "GET", "/fhir/r4/DocumentReference/" + psychReference, null).status()).isEqualTo(200);
        assertThat(ids(api.as(author, "GET", "/fhir/r4/DocumentReference?patient=" + p, null)))
                .containsExactlyInAnyOrder(psychReference, plainReference);

        for (String reader : List.of(accounts.other(Role.CLINICIAN, "colleague"), accounts.of(Role.HIM_DIRECTOR))) {
            assertThat(ids(api.as(reader, "GET", "/fhir/r4/Patient/" + p + "/$everything", null))).as(reader)
                    .contains(p, plainReference, toxReport).doesNotContain(psychReport, psychReference);
            assertThat(ids(api.as(reader, "GET", "/fhir/r4/DiagnosticReport?patient=" + p, null))).as(reader)
                    .containsExactly(toxReport);
            assertThat(api.as(reader, "GET", "/fhir/r4/DiagnosticReport/" + toxReport, null).status()).as(reader).isEqualTo(200);
            assertThat(api.as(reader, "GET", "/fhir/r4/DocumentReference/" + psychReference, null).status()).as(reader).isEqualTo(403);
            assertThat(denied(reader)).as(reader).containsExactly("DocumentReference " + psychReference);
            assertThat(jdbc.sql("select detail from audit_event where patient_id = ? and username = ? and outcome = 'DENIED'")
                    .params(patientId, reader).query(String.class).single()).contains("originator", "164.508(a)(2)");
        }
    }

    /**
     * The same rules leave the copies: a third party's release without Part 2 consent withholds the
     * toxicology report (42 CFR 2.31) and never names it (2.13); the patient's own request and EHI
     * export get it (2.23) but not the psychotherapy note (45 CFR 164.524(a)(1)(i)); a bulk export
     * withholds both and says so in its errors.
     */
    @Test
    void releasesAndExportsWithholdTheCopiesAsTheyWithholdTheDocuments() throws IOException {
        JsonNode plain = release("THIRD_PARTY", authorization("[]"));
        // The copy's entry is not released, and is counted, not named (42 CFR 2.13); the document itself is
        // listed as withheld as before.
        assertThat(packetText(plain.path("requestId").asLong())).doesNotContain("Positive for opiates")
                .contains("1 entries of the clinical record, withheld");
        List<String> withheld = new ArrayList<>();
        plain.path("withheld").forEach(w -> withheld.add(w.path("title").asString() + " | " + w.path("reason").asString()));
        assertThat(withheld).anySatisfy(s -> assertThat(s).contains("Laboratory results: " + toxTitle, "42 CFR 2.31"));

        JsonNode consented = release("THIRD_PARTY", authorization("[\"SUBSTANCE_USE_DISORDER\"]"));
        assertThat(packetText(consented.path("requestId").asLong())).contains("Positive for opiates");

        Map<String, String> files = ehiExport();
        assertThat(files.get("fhir/DiagnosticReport.ndjson")).contains(toxReport).doesNotContain(psychReport);
        assertThat(files.get("fhir/DocumentReference.ndjson")).contains(plainReference).doesNotContain(psychReference);
        assertThat(String.join("\n", files.values())).doesNotContain("childhood");

        String director = accounts.of(Role.HIM_DIRECTOR);
        JsonNode manifest = manifest(director, api.as(director, "GET", "/fhir/r4/Patient/$export?_type=DiagnosticReport", null));
        StringBuilder exported = new StringBuilder();
        for (JsonNode o : manifest.path("output")) {
            exported.append(ndjson(director, o.path("url").asString()));
        }
        assertThat(exported.toString()).doesNotContain(psychReport, toxReport);
        String errors = manifest.path("error").isEmpty() ? "" : ndjson(director, manifest.path("error").get(0).path("url").asString());
        assertThat(errors).contains("DiagnosticReport withheld: Psychotherapy notes", "DiagnosticReport withheld: Substance use disorder");
    }

    private long documentTitled(String title) {
        return jdbc.sql("select id from clinical_document where patient_id = ? and title = ?").params(patientId, title)
                .query(Long.class).single();
    }

    /** "Type id" of each read of this patient's kept resources refused to the user. */
    private List<String> denied(String user) {
        return jdbc.sql("select resource_type || ' ' || resource_id from audit_event where patient_id = ? and username = ?"
                + " and outcome = 'DENIED'").params(patientId, user).query(String.class).list();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> ids(Api.Response r) {
        return SegmentedReleases.ids(r);
    }

    private SegmentedReleases releases() {
        return new SegmentedReleases(api, accounts, patientId, "Robin " + family, today);
    }

    private String authorization(String named) {
        return releases().authorization(named);
    }

    private JsonNode release(String requesterType, String authorizationJson) {
        return releases().release(requesterType, "[\"LABS\"]", authorizationJson);
    }

    private String packetText(long id) {
        return releases().packetText(id);
    }

    private Map<String, String> ehiExport() throws IOException {
        Map<String, String> files = new TreeMap<>();
        byte[] zip = releases().get("/api/patients/" + patientId + "/ehi-export");
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private JsonNode manifest(String user, Api.Response kick) {
        assertThat(kick.status()).as(kick.body()).isEqualTo(202);
        String location = kick.headers().firstValue("Content-Location").orElseThrow();
        String status = location.substring(location.indexOf("/fhir/r4"));
        Api.Response s = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.as(user, "GET", status, null), r -> r.status() != 202);
        assertThat(s.status()).as(s.body()).isEqualTo(200);
        return s.json();
    }

    private String ndjson(String user, String url) {
        Api.Response file = api.as(user, "GET", url.substring(url.indexOf("/fhir/r4")), null);
        assertThat(file.status()).isEqualTo(200);
        return file.body();
    }
}
