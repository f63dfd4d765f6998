package org.custodian.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditQuery;
import org.custodian.audit.AuditRecord;
import org.custodian.chart.Amendments;
import org.custodian.chart.ChartService;
import org.custodian.chart.DenialReason;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewAmendmentRequest;
import org.custodian.chart.NewDocument;
import org.custodian.chart.NewEncounter;
import org.custodian.chart.Sensitivity;
import org.custodian.chart.SensitivityTags;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.PdfReadability;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A release end to end over the API: the authorization check, segmentation of Part 2 records and
 * psychotherapy notes, the PDF packet read back with PDFBox, the audit trail and the accounting of
 * disclosures (45 CFR 164.528).
 */
@CustodianTest
class DisclosureReleaseIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired SensitivityTags tags;
    @Autowired Amendments amendments;
    @Autowired AuditLog auditLog;
    @Autowired JdbcClient jdbc;

    private Patient patient;
    private String roi;
    private final LocalDate today = org.custodian.support.HospitalToday.date();

    @BeforeEach
    void chart() {
        roi = accounts.of(Role.ROI_SPECIALIST);
        accounts.runAs(Role.CLINICIAN, () -> {
            patient = patients.register(TestPatients.newPatient("Rita", TestPatients.uniqueName("Release"), LocalDate.of(1961, 5, 2)));
            Instant admit = Instant.now().minus(10, ChronoUnit.DAYS);
            long medicine = charts.record(new NewEncounter(patient.id(), null, EncounterClass.INPATIENT, admit,
                    admit.plus(3, ChronoUnit.DAYS), "Dr. Ames", "Medicine", null)).id();
            long detox = charts.record(new NewEncounter(patient.id(), null, EncounterClass.INPATIENT, admit.plus(4, ChronoUnit.DAYS),
                    admit.plus(6, ChronoUnit.DAYS), "Dr. Bell", "Addiction medicine", null)).id();
            file(medicine, DocumentType.DISCHARGE_SUMMARY, "Discharge summary", "Pneumonia treated; home on oral antibiotics.", admit.plus(3, ChronoUnit.DAYS));
            file(detox, DocumentType.PROGRESS_NOTE, "Withdrawal management note", "Alcohol withdrawal, CIWA 12.", admit.plus(5, ChronoUnit.DAYS));
            long therapy = file(medicine, DocumentType.PROGRESS_NOTE, "Psychotherapy session", "Session content of the therapist.", admit.plus(2, ChronoUnit.DAYS));
            tags.tagEncounter(detox, Sensitivity.SUBSTANCE_USE_DISORDER);
            tags.tagDocument(therapy, Sensitivity.PSYCHOTHERAPY_NOTES);
        });
    }

    private long file(long encounterId, DocumentType type, String title, String text, Instant at) {
        return charts.file(new NewDocument(patient.id(), encounterId, type, title, "Dr. Ames", text, DocumentStatus.SIGNED,
                at, "Dr. Ames", at.plus(1, ChronoUnit.HOURS))).id();
    }

    private String authorization(String expiresOn, String signedBy, String named) {
        return """
                {"description":"All records of the recent admissions","discloser":"Custodian Demonstration Hospital",
                 "recipient":"Acme Life Insurance","purpose":"Life insurance underwriting","expiresOn":%s,
                 "signedBy":%s,"signedOn":"%s","signedByRepresentative":false,"namedSensitivities":%s}"""
                .formatted(expiresOn == null ? "null" : "\"" + expiresOn + "\"", signedBy == null ? "null" : "\"" + signedBy + "\"",
                        today.minusDays(3), named);
    }

    private JsonNode intake(String requesterType, String name, String authorizationJson, String legalProcessJson) {
        Api.Response r = api.as(roi, "POST", "/api/disclosures", """
                {"patientId":%d,"requesterType":"%s","requesterName":"%s","requesterAddress":"1 Main St, Springfield",
                 "purpose":"As stated in the request","delivery":"PDF_DOWNLOAD","receivedOn":"%s",
                 "authorization":%s,"legalProcess":%s}"""
                .formatted(patient.id(), requesterType, name, today, authorizationJson, legalProcessJson));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private String packetText(long id) throws IOException {
        byte[] pdf = pdf("/api/disclosures/" + id + "/packet");
        // Every packet prints readably: body text black behind the watermark, name and MRN in the text layer.
        PdfReadability.assertReadable(pdf, patient.displayName(), "MRN " + patient.mrn());
        PdfReadability.pngs(pdf, java.nio.file.Path.of("target/pdf-renders"), "packet-" + id);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private byte[] pdf(String path) {
        try {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (roi + ":" + StaffAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/pdf");
            return r.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aGeneralAuthorizationReleasesTheGeneralRecordAndWithholdsPart2AndPsychotherapyNotes() throws IOException {
        JsonNode request = intake("THIRD_PARTY", "Acme Life Insurance", authorization(today.plusMonths(6).toString(), "Rita Example", "[]"), "null");
        long id = request.get("id").asLong();
        assertThat(request.get("dueOn").asString()).isEqualTo(today.plusDays(30).toString());

        Api.Response released = api.as(roi, "POST", "/api/disclosures/" + id + "/release", null);
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(released.json().get("released")).hasSize(1);
        assertThat(released.json().get("withheld")).hasSize(2);
        assertThat(released.json().get("exemptFromAccounting").asString()).contains("164.528(a)(1)(iv)");

        String text = packetText(id);
        String number = request.get("requestNumber").asString();
        assertThat(text).contains("Release of information", number, "Pneumonia treated", "Page 1 of",
                "Withdrawal management note", "42 CFR 2.31", "Psychotherapy session", "164.508(a)(2)");
        assertThat(text).doesNotContain("CIWA 12", "Session content of the therapist", "Certification of records");

        // The release is in the audit log as an export of this patient's records.
        List<AuditRecord> events = auditLog.find(new AuditQuery(patient.id(), roi, null, null, 0, 200));
        assertThat(events).anySatisfy(e -> {
            assertThat(e.resourceType()).isEqualTo("DisclosurePacket");
            assertThat(e.action()).isEqualTo("EXPORT");
        });
    }

    @Test
    void aSpecificAuthorizationReleasesPart2AndPsychotherapyNotes() throws IOException {
        JsonNode request = intake("THIRD_PARTY", "Dr. Second Opinion",
                authorization(today.plusMonths(6).toString(), "Rita Example", "[\"SUBSTANCE_USE_DISORDER\",\"PSYCHOTHERAPY_NOTES\"]"), "null");
        long id = request.get("id").asLong();
        assertThat(api.as(roi, "POST", "/api/disclosures/" + id + "/release", null).json().get("withheld")).isEmpty();
        assertThat(packetText(id)).contains("CIWA 12", "Session content of the therapist", "Pneumonia treated",
                "Nothing within the request was withheld");
    }

    /** 45 CFR 164.526(d)(5): a statement of disagreement and its rebuttal go out with later disclosures of the record. */
    @Test
    void aStatementOfDisagreementAndTheRebuttalGoOutWithTheRecord() throws IOException {
        accounts.runAs(Role.HIM_DIRECTOR, () -> {
            Instant at = Instant.now().minus(2, ChronoUnit.DAYS);
            long visit = charts.record(new NewEncounter(patient.id(), null, EncounterClass.OUTPATIENT, at, at.plus(1, ChronoUnit.HOURS),
                    "Dr. Ames", "Clinic", null)).id();
            long note = file(visit, DocumentType.PROGRESS_NOTE, "Clinic note", "Allergy: penicillin.", at);
            long request = amendments.receive(new NewAmendmentRequest(note, "The allergy is to sulfa, not penicillin.", null, null)).id();
            amendments.deny(request, DenialReason.ACCURATE_AND_COMPLETE, "The pharmacy record confirms penicillin.");
            amendments.recordDisagreement(request, "I have never taken penicillin.");
            amendments.recordRebuttal(request, "Dispensing record of 2019 attached.");
        });
        JsonNode request = intake("THIRD_PARTY", "Acme Life Insurance", authorization(today.plusMonths(6).toString(), "Rita Example", "[]"), "null");
        long id = request.get("id").asLong();
        assertThat(api.as(roi, "POST", "/api/disclosures/" + id + "/release", null).status()).isEqualTo(200);
        assertThat(packetText(id)).contains("Allergy: penicillin.", "statement of disagreement", "I have never taken penicillin.",
                "Rebuttal", "Dispensing record of 2019 attached.");
    }

    @Test
    void anExpiredOrUnsignedAuthorizationBlocksTheReleaseNamingTheElement() {
        long expired = intake("THIRD_PARTY", "Acme Life", authorization(today.minusDays(1).toString(), "Rita Example", "[]"), "null").get("id").asLong();
        Api.Response blocked = api.as(roi, "POST", "/api/disclosures/" + expired + "/release", null);
        assertThat(blocked.status()).isEqualTo(422);
        assertThat(blocked.json().get("detail").asString()).contains("authorization.expiration", "expired on " + today.minusDays(1));
        assertThat(blocked.json().get("problems").get(0).get("element").asString()).isEqualTo("authorization.expiration");

        long unsigned = intake("THIRD_PARTY", "Acme Life", authorization(today.plusDays(30).toString(), null, "[]"), "null").get("id").asLong();
        assertThat(api.as(roi, "GET", "/api/disclosures/" + unsigned, null).json().get("blocking").get(0).get("element").asString())
                .isEqualTo("authorization.signature");
        assertThat(api.as(roi, "POST", "/api/disclosures/" + unsigned + "/release", null).body()).contains("authorization.signature");
        // Nothing went out: no packet.
        assertThat(api.as(roi, "GET", "/api/disclosures/" + unsigned + "/packet", null).status()).isEqualTo(404);

        long subpoena = intake("ATTORNEY", "Opposing Counsel", "null", "{\"subpoena\":true}").get("id").asLong();
        assertThat(api.as(roi, "POST", "/api/disclosures/" + subpoena + "/release", null).body())
                .contains("legalProcess.satisfactoryAssurance", "164.512(e)");
    }

    @Test
    void theAccountingIncludesAnAttorneyDisclosureUnderSubpoenaAndExcludesATreatmentDisclosure() throws IOException {
        long attorney = intake("ATTORNEY", "Baker & Finch LLP", "null", "{\"subpoena\":true,\"satisfactoryAssurance\":true}").get("id").asLong();
        long treatment = intake("PROVIDER_TREATMENT", "Dr. Follow-Up Clinic", "null", "null").get("id").asLong();
        assertThat(api.as(roi, "POST", "/api/disclosures/" + attorney + "/release", null).status()).isEqualTo(200);
        Api.Response care = api.as(roi, "POST", "/api/disclosures/" + treatment + "/release", null);
        assertThat(care.json().get("invoice").get("amountCents").asLong()).isZero();
        assertThat(care.json().get("exemptFromAccounting").asString()).contains("treatment");

        // An accountable disclosure older than six years is out of the accounting's reach (164.528(a)(3)).
        jdbc.sql("""
                insert into accounting_entry (patient_id, disclosed_at, recipient, description, purpose)
                values (?, now() - interval '7 years', 'Ancient Recipient', 'old records', 'old purpose')""")
                .param(patient.id()).update();

        JsonNode accounting = api.as(roi, "GET", "/api/accounting/patients/" + patient.id(), null).json();
        assertThat(accounting).hasSize(1);
        assertThat(accounting.get(0).get("recipient").asString()).isEqualTo("Baker & Finch LLP");
        assertThat(accounting.get(0).get("purpose").asString()).isEqualTo("As stated in the request");

        // The treatment disclosure stays in the audit log although the accounting leaves it out.
        assertThat(auditLog.find(new AuditQuery(patient.id(), roi, null, null, 0, 200)))
                .filteredOn(e -> "DisclosurePacket".equals(e.resourceType()) && e.action().equals("EXPORT"))
                .extracting(AuditRecord::resourceId).contains(Long.toString(attorney), Long.toString(treatment));

        String attorneyPacket = packetText(attorney);
        assertThat(attorneyPacket).contains("Certification of records", "satisfactory assurance", "Custodian of Records");

        byte[] reportPdf = pdf("/api/accounting/patients/" + patient.id() + "/report");
        PdfReadability.assertReadable(reportPdf, patient.displayName(), "MRN " + patient.mrn(), "Baker & Finch LLP");
        PdfReadability.pngs(reportPdf, java.nio.file.Path.of("target/pdf-renders"), "accounting");
        try (PDDocument report = Loader.loadPDF(reportPdf)) {
            String text = new PDFTextStripper().getText(report);
            assertThat(text).contains("Accounting of disclosures", "Baker & Finch LLP", patient.mrn())
                    .doesNotContain("Dr. Follow-Up Clinic", "Ancient Recipient");
        }
    }

    @Test
    void thePacketEmbedsItsFontsWhereTheSystemHasThem() throws IOException {
        long id = intake("PATIENT", "Rita Example", "null", "null").get("id").asLong();
        Api.Response release = api.as(roi, "POST", "/api/disclosures/" + id + "/release", null);
        assertThat(release.json().get("invoice").get("amountCents").asLong()).isEqualTo(650);
        // Psychotherapy notes are outside the right of access; Part 2 records are the patient's own.
        assertThat(release.json().get("withheld")).hasSize(1);
        try (PDDocument doc = Loader.loadPDF(pdf("/api/disclosures/" + id + "/packet"))) {
            boolean systemFont = java.nio.file.Files.exists(java.nio.file.Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
                    || java.nio.file.Files.exists(java.nio.file.Path.of("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"));
            for (var page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isEqualTo(systemFont);
                }
            }
            assertThat(new PDFTextStripper().getText(doc)).contains("CIWA 12", "$6.50");
        }
    }

    @Test
    void intakeNamesTheFieldAndTheRuleAndAnAccountingRequestIsDueInSixtyDays() {
        Api.Response bad = api.as(roi, "POST", "/api/disclosures", """
                {"patientId":%d,"requesterType":"PATIENT","requesterName":"Rita","purpose":"own use",
                 "delivery":"PAPER","receivedOn":"%s"}""".formatted(patient.id(), today.plusDays(1)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asString()).isEqualTo("receivedOn: cannot be in the future");

        Api.Response accountingRequest = api.as(roi, "POST", "/api/accounting/requests", """
                {"patientId":%d,"requesterName":"Rita Example","receivedOn":"%s"}""".formatted(patient.id(), today));
        assertThat(accountingRequest.status()).isEqualTo(201);
        assertThat(accountingRequest.json().get("dueOn").asString()).isEqualTo(today.plusDays(60).toString());
    }
}
