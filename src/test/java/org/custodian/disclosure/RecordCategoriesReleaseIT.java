package org.custodian.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditQuery;
import org.custodian.interop.FhirBundleImport;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.PdfReadability;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The patient's right of access (45 CFR 164.524) to the whole designated record set (164.501),
 * by category: a request for laboratory results and medications releases exactly those of the
 * kept clinical record, within the dates asked, as readable tables in the PDF packet.
 */
@CustodianTest
class RecordCategoriesReleaseIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired FhirBundleImport fhir;
    @Autowired AuditLog auditLog;
    @Autowired JdbcClient jdbc;

    private long patientId;
    private String roi;
    private final LocalDate today = org.custodian.support.HospitalToday.date();
    private final String family = "Categoria" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "x");

    @BeforeEach
    void record() {
        roi = accounts.of(Role.ROI_SPECIALIST);
        String p = UUID.randomUUID().toString();
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"Patient","id":"%1$s","name":[{"family":"%2$s","given":["Ada"]}],
                   "gender":"female","birthDate":"1970-03-04","identifier":[{"system":"urn:test:categories","value":"%1$s"}]}},
                 {"fullUrl":"urn:uuid:%3$s","resource":{"resourceType":"Observation","id":"%3$s","status":"final",
                   "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
                   "code":{"coding":[{"system":"http://loinc.org","code":"2345-7","display":"Glucose [Mass/volume] in Serum or Plasma"}]},
                   "subject":{"reference":"urn:uuid:%1$s"},"effectiveDateTime":"%4$sT08:00:00Z",
                   "valueQuantity":{"value":182,"unit":"mg/dL"},"interpretation":[{"coding":[{"code":"H","display":"High"}]}]}},
                 {"fullUrl":"urn:uuid:%5$s","resource":{"resourceType":"Observation","id":"%5$s","status":"final",
                   "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
                   "code":{"coding":[{"system":"http://loinc.org","code":"718-7","display":"Hemoglobin [Mass/volume] in Blood"}]},
                   "subject":{"reference":"urn:uuid:%1$s"},"effectiveDateTime":"2001-01-01T08:00:00Z",
                   "valueQuantity":{"value":13.1,"unit":"g/dL"}}},
                 {"fullUrl":"urn:uuid:%6$s","resource":{"resourceType":"Observation","id":"%6$s","status":"final",
                   "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
                   "code":{"coding":[{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"}]},
                   "subject":{"reference":"urn:uuid:%1$s"},"effectiveDateTime":"%4$sT08:05:00Z","valueQuantity":{"value":77,"unit":"/min"}}},
                 {"fullUrl":"urn:uuid:%7$s","resource":{"resourceType":"MedicationRequest","id":"%7$s","status":"active","intent":"order",
                   "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"860975",
                     "display":"24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet"}]},
                   "subject":{"reference":"urn:uuid:%1$s"},"authoredOn":"%4$sT09:00:00Z",
                   "dosageInstruction":[{"text":"one tablet by mouth with the evening meal"}]}},
                 {"fullUrl":"urn:uuid:%8$s","resource":{"resourceType":"Immunization","id":"%8$s","status":"completed",
                   "vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"140","display":"Influenza, seasonal, injectable"}]},
                   "patient":{"reference":"urn:uuid:%1$s"},"occurrenceDateTime":"%4$sT10:00:00Z"}}
                ]}""".formatted(p, family, UUID.randomUUID(), today.minusDays(20), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID());
        FhirBundleImport.Result[] r = new FhirBundleImport.Result[1];
        accounts.runAs(Role.INTERFACE_ENGINE, () -> r[0] = fhir.importContent("categories.json", bundle.getBytes(StandardCharsets.UTF_8)));
        assertThat(r[0].rejection()).isNull();
        patientId = jdbc.sql("select patient_id from clinical_resource where resource_type = 'Patient' and fhir_id = ?")
                .param(p).query(Long.class).single();
    }

    @Test
    void thePatientGetsTheLabsAndMedicationsAskedForAsReadableTables() throws IOException {
        Api.Response intake = api.as(roi, "POST", "/api/disclosures", """
                {"patientId":%d,"requesterType":"PATIENT","requesterName":"Ada %s","requesterAddress":"1 Main St",
                 "purpose":"Personal records","delivery":"PDF_DOWNLOAD","receivedOn":"%s","dateFrom":"%s",
                 "recordCategories":["LABS","MEDICATIONS"]}"""
                .formatted(patientId, family, today, today.minusYears(1)));
        assertThat(intake.status()).as(intake.body()).isEqualTo(201);
        assertThat(intake.json().get("recordCategories")).hasSize(2);
        long id = intake.json().get("id").asLong();

        Api.Response released = api.as(roi, "POST", "/api/disclosures/" + id + "/release", null);
        assertThat(released.status()).as(released.body()).isEqualTo(200);

        byte[] pdf = packet(id);
        PdfReadability.assertReadable(pdf, family, "Laboratory results", "Medications");
        PdfReadability.pngs(pdf, java.nio.file.Path.of("target/pdf-renders"), "record-categories-" + id);
        String text = PdfReadability.text(pdf).replaceAll("\\s+", " "); // table cells wrap
        assertThat(text).contains("Glucose [Mass/volume] in Serum or Plasma", "182 mg/dL", "High",
                "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet", "one tablet by mouth with the evening meal",
                "Laboratory results: 1 entries", "Medications: 1 entries");
        // Not asked for: vital signs and immunizations; outside the dates asked: the 2001 hemoglobin.
        assertThat(text).doesNotContain("Heart rate", "Influenza", "Hemoglobin");

        // The release is audited as an export of this patient's records, naming what of the record went out.
        assertThat(auditLog.find(new AuditQuery(patientId, roi, null, null, 0, 200))).anySatisfy(e -> {
            assertThat(e.resourceType()).isEqualTo("DisclosurePacket");
            assertThat(e.detail()).contains("Laboratory results 1", "Medications 1");
        });
    }

    @Test
    void withoutCategoriesThePacketHoldsDocumentsOnly() throws IOException {
        Api.Response intake = api.as(roi, "POST", "/api/disclosures", """
                {"patientId":%d,"requesterType":"PATIENT","requesterName":"Ada %s","purpose":"Personal records",
                 "delivery":"PDF_DOWNLOAD","receivedOn":"%s"}""".formatted(patientId, family, today));
        long id = intake.json().get("id").asLong();
        assertThat(api.as(roi, "POST", "/api/disclosures/" + id + "/release", null).status()).isEqualTo(200);
        String text = PdfReadability.text(packet(id));
        assertThat(text).doesNotContain("Glucose", "Metformin", "Released from the clinical record");
    }

    /** 45 CFR 170.315(b)(10)(i): one patient's EHI as NDJSON per type, documents and the format's README, audited. */
    @Test
    void theEhiExportHoldsTheWholeRecordWithItsFormatDescription() throws IOException {
        HttpResponse<byte[]> r = get("/api/patients/" + patientId + "/ehi-export", roi);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/zip");
        java.util.Map<String, String> files = new java.util.TreeMap<>();
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(r.body()))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                files.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(files).containsKeys("README.md", "manifest.json", "fhir/Patient.ndjson", "fhir/Observation.ndjson",
                "fhir/MedicationRequest.ndjson", "fhir/Immunization.ndjson");
        assertThat(files.get("README.md")).contains("170.315(b)(10)", "NDJSON");
        assertThat(files.get("fhir/Observation.ndjson").lines()).hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("{").contains("\"resourceType\": \"Observation\""));
        assertThat(files.get("fhir/Patient.ndjson")).contains(family);
        assertThat(files.get("manifest.json")).contains("\"resources\" : 3", family);
        assertThat(auditLog.find(new AuditQuery(patientId, roi, null, null, 0, 50)))
                .anySatisfy(e -> {
                    assertThat(e.action()).isEqualTo("EXPORT");
                    assertThat(e.resourceType()).isEqualTo("EhiExport");
                    assertThat(e.detail()).contains("6 FHIR resources");
                });
        // A clinician reads the chart but does not release it.
        assertThat(get("/api/patients/" + patientId + "/ehi-export", accounts.of(Role.CLINICIAN)).statusCode()).isEqualTo(403);
    }

    private HttpResponse<byte[]> get(String path, String user) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + StaffAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] packet(long id) {
        try {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.baseUrl()
                            + "/api/disclosures/" + id + "/packet"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (roi + ":" + StaffAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
