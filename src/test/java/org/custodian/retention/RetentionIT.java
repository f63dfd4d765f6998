package org.custodian.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditQuery;
import org.custodian.chart.ChartService;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewDocument;
import org.custodian.chart.NewEncounter;
import org.custodian.patient.AdministrativeSex;
import org.custodian.mpi.MasterPatientIndex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
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
 * Retention end to end: a schedule as data, the worklist on given days, a destruction proposed by
 * one person and approved by two others, the content really purged, a certificate read back with
 * PDFBox; and legal holds that block destruction and amendment until released.
 */
@CustodianTest
class RetentionIT {

    /** Unique per test, so that a search for it finds only this test's document. */
    final String SECRET = "Colonoscopy: two sessile polyps removed. Pathology pending. Ref " + UUID.randomUUID();

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired JdbcClient jdbc;
    @Autowired AuditLog auditLog;
    @Autowired MasterPatientIndex mpi;

    String manager;
    String approverA;
    String approverB;
    String jurisdiction;
    Patient child;
    Patient adult;
    long childEncounter;
    long adultEncounter;
    long adultDocument;

    @BeforeEach
    void records() {
        manager = accounts.of(Role.HIM_DIRECTOR);
        approverA = accounts.of(Role.PRIVACY_OFFICER);
        approverB = accounts.of(Role.ADMIN);
        // A jurisdiction of this test's own: inpatient 7 years, minors until 18 + 3; anything else 6 years.
        jurisdiction = "US-T" + ThreadLocalRandom.current().nextInt(1_000_000);
        schedule("INPATIENT", 7, 3);
        schedule("*", 6, 0);
        accounts.runAs(Role.CLINICIAN, () -> {
            String family = "Retained-" + UUID.randomUUID().toString().substring(0, 6);
            child = patients.register(new NewPatient(null, null, "Kid", null, family, LocalDate.of(2000, 5, 1), AdministrativeSex.F,
                    null, null, null, null));
            adult = patients.register(new NewPatient(null, null, "Grown", null, family, LocalDate.of(1960, 1, 1), AdministrativeSex.M,
                    null, null, null, null));
            childEncounter = charts.record(new NewEncounter(child.id(), null, EncounterClass.INPATIENT,
                    Instant.parse("2010-05-28T08:00:00Z"), Instant.parse("2010-06-01T12:00:00Z"), "Dr. Peds", "Pediatrics", null)).id();
            adultEncounter = charts.record(new NewEncounter(adult.id(), null, EncounterClass.INPATIENT,
                    Instant.parse("2010-05-28T08:00:00Z"), Instant.parse("2010-06-01T12:00:00Z"), "Dr. Gut", "GI", null)).id();
            adultDocument = charts.file(new NewDocument(adult.id(), adultEncounter, DocumentType.OPERATIVE_REPORT, null, "Dr. Gut",
                    SECRET, DocumentStatus.SIGNED, Instant.parse("2010-05-29T10:00:00Z"), "dr.gut",
                    Instant.parse("2010-05-29T11:00:00Z"))).id();
        });
    }

    private void schedule(String type, int years, int afterMajority) {
        Api.Response r = api.as(manager, "PUT", "/api/retention/schedules", """
                {"jurisdiction":"%s","recordType":"%s","retainYears":%d,"ageOfMajority":18,"yearsAfterMajority":%d,
                 "authority":"Test rule"}""".formatted(jurisdiction, type, years, afterMajority));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private JsonNode worklist(Patient p, LocalDate asOf) {
        Api.Response r = api.as(manager, "GET", "/api/retention/worklist?jurisdiction=" + jurisdiction + "&asOf=" + asOf
                + "&patientId=" + p.id(), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private Api.Response propose(long encounterId) {
        return api.as(manager, "POST", "/api/retention/destructions", """
                {"encounterIds":[%d],"method":"PURGE_AND_SHRED","reason":"Past retention under the state schedule.",
                 "jurisdiction":"%s"}""".formatted(encounterId, jurisdiction));
    }

    private Api.Response approve(String user, long destructionId) {
        return api.as(user, "POST", "/api/retention/destructions/" + destructionId + "/approvals", null);
    }

    @Test
    void theWorklistAppliesTheScheduleTheMinorsRuleAndTheDayGiven() {
        // Adult: 2010-06-01 + 7 years = 2017-06-01 is the last day kept.
        assertThat(worklist(adult, LocalDate.of(2017, 6, 1))).isEmpty();
        JsonNode adultItems = worklist(adult, LocalDate.of(2017, 6, 2));
        assertThat(adultItems).hasSize(1);
        assertThat(adultItems.get(0).get("retainUntil").asString()).isEqualTo("2017-06-01");
        assertThat(adultItems.get(0).get("minorRule").asBoolean()).isFalse();
        assertThat(adultItems.get(0).get("documentCount").asInt()).isEqualTo(1);
        // Child of 10 at discharge: kept to 18 + 3 = 2021-05-01, later than 2017-06-01.
        assertThat(worklist(child, LocalDate.of(2021, 5, 1))).isEmpty();
        JsonNode childItems = worklist(child, LocalDate.of(2021, 5, 2));
        assertThat(childItems).hasSize(1);
        assertThat(childItems.get(0).get("minorRule").asBoolean()).isTrue();
        assertThat(childItems.get(0).get("ageAtService").asInt()).isEqualTo(10);
        assertThat(childItems.get(0).get("retainUntil").asString()).isEqualTo("2021-05-01");
        // The record type decides: an outpatient visit falls to the jurisdiction's default, 6 years.
        long[] visit = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> visit[0] = charts.record(new NewEncounter(adult.id(), null, EncounterClass.OUTPATIENT,
                Instant.parse("2012-01-10T09:00:00Z"), Instant.parse("2012-01-10T10:00:00Z"), "Dr. Gut", "GI", null)).id());
        assertThat(worklist(adult, LocalDate.of(2018, 1, 10))).extracting(n -> n.get("encounterId").asLong())
                .containsExactly(adultEncounter);
        assertThat(worklist(adult, LocalDate.of(2018, 1, 11))).extracting(n -> n.get("encounterId").asLong())
                .containsExactly(adultEncounter, visit[0]);
    }

    @Test
    void destructionNeedsTwoApprovalsByTwoPeopleOtherThanTheProposerAndPurgesTheContent() throws Exception {
        Api.Response proposed = propose(adultEncounter);
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        long id = proposed.json().get("id").asLong();
        assertThat(propose(adultEncounter).status()).as("proposed twice").isEqualTo(409);

        Api.Response self = approve(manager, id);
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.json().get("detail").asString()).contains("proposed by");
        Api.Response first = approve(approverA, id);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("status").asString()).isEqualTo("PROPOSED");
        assertThat(approve(approverA, id).status()).as("the same approver twice").isEqualTo(409);
        assertThat(api.as(approverA, "GET", "/api/retention/destructions/" + id + "/certificate", null).status()).isEqualTo(409);
        assertThat(jdbc.sql("select body from clinical_document where id = ?").param(adultDocument).query(String.class).single())
                .isEqualTo(SECRET);

        Api.Response second = approve(approverB, id);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        JsonNode done = second.json();
        assertThat(done.get("status").asString()).isEqualTo("DESTROYED");
        String certificate = done.get("certificateNumber").asString();
        assertThat(certificate).matches("COD-\\d{4}-\\d{6}");
        assertThat(done.get("approvals")).extracting(a -> a.get("approvedBy").asString()).containsExactly(approverA, approverB);

        // The content is gone from the database; a tombstone names the certificate.
        assertThat(jdbc.sql("select count(*) from clinical_document where body like ?").param("%" + SECRET + "%")
                .query(Long.class).single()).isZero();
        JsonNode document = api.as(manager, "GET", "/api/documents/" + adultDocument, null).json();
        assertThat(document.get("text").asString()).contains("Destroyed under certificate of destruction " + certificate);
        JsonNode encounter = api.as(manager, "GET", "/api/encounters/" + adultEncounter, null).json();
        assertThat(encounter.get("attendingProvider").isNull()).isTrue();
        assertThat(worklist(adult, LocalDate.of(2030, 1, 1))).isEmpty();
        // The audit keeps the fact.
        assertThat(auditLog.find(new AuditQuery(adult.id(), null, null, null, 0, 200)).stream()
                .filter(e -> e.detail() != null && e.detail().contains("destroyed under certificate " + certificate))
                .map(e -> e.resourceType()).distinct())
                .contains("Encounter", "DocumentReference", "Destruction");

        // The certificate: what, when, method, who — read back with PDFBox.
        byte[] pdf = download(approverA, "/api/retention/destructions/" + id + "/certificate");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Certificate of Destruction", "Certificate number: " + certificate,
                    "MRN " + adult.mrn(), encounter.get("encounterNumber").asString(), "inpatient", "service ended 06/01/2010",
                    "Electronic purge, and cross-cut shredding", "Proposed by: " + manager, "Approved by: " + approverA,
                    "Approved by: " + approverB, "Destroyed on: ");
        }
        org.custodian.support.PdfReadability.assertReadable(pdf, "MRN " + adult.mrn());
        org.custodian.support.PdfReadability.pngs(pdf, java.nio.file.Path.of("target/pdf-renders"), "certificate");
        assertThat(approve(accounts.of(Role.HIM_DIRECTOR), id).status()).isEqualTo(409);
        // Nothing is left to amend.
        assertThat(api.as(manager, "POST", "/api/amendments", "{\"documentId\":" + adultDocument
                + ",\"requestedChange\":\"x\"}").status()).isEqualTo(409);
    }

    @Test
    void aLegalHoldBlocksDestructionAndAmendmentUntilReleased() {
        String counsel = accounts.of(Role.PRIVACY_OFFICER);
        Api.Response placed = api.as(counsel, "POST", "/api/retention/holds", """
                {"patientId":%d,"matter":"Doe v. General Hospital","reason":"Preservation letter received 2026-11-02."}"""
                .formatted(adult.id()));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        long hold = placed.json().get("id").asLong();
        assertThat(placed.json().get("placedBy").asString()).isEqualTo(counsel);

        JsonNode item = worklist(adult, LocalDate.of(2020, 1, 1)).get(0);
        assertThat(item.get("hold").asString()).isEqualTo("legal hold " + hold);
        Api.Response blocked = propose(adultEncounter);
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.json().get("detail").asString()).contains("legal hold " + hold);

        long amendment = api.as(manager, "POST", "/api/amendments", "{\"documentId\":" + adultDocument
                + ",\"requestedChange\":\"Only one polyp was removed.\"}").json().get("id").asLong();
        Api.Response held = api.as(manager, "POST", "/api/amendments/" + amendment + "/acceptance",
                "{\"amendmentText\":\"One polyp removed.\"}");
        assertThat(held.status()).isEqualTo(409);
        assertThat(held.json().get("detail").asString()).contains("legal hold " + hold);

        assertThat(api.as(counsel, "POST", "/api/retention/holds/" + hold + "/release", "{\"reason\":\"\"}").status()).isEqualTo(400);
        Api.Response released = api.as(counsel, "POST", "/api/retention/holds/" + hold + "/release",
                "{\"reason\":\"Case dismissed with prejudice.\"}");
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.json().get("releasedBy").asString()).isEqualTo(counsel);
        assertThat(api.as(manager, "POST", "/api/amendments/" + amendment + "/acceptance",
                "{\"amendmentText\":\"One polyp removed.\"}").status()).isEqualTo(200);

        // A hold on one encounter placed between the two approvals stops the destruction.
        long id = propose(adultEncounter).json().get("id").asLong();
        assertThat(approve(approverA, id).status()).isEqualTo(200);
        long encounterHold = api.as(counsel, "POST", "/api/retention/holds", """
                {"patientId":%d,"encounterId":%d,"matter":"OIG audit","reason":"Records request."}"""
                .formatted(adult.id(), adultEncounter)).json().get("id").asLong();
        Api.Response stopped = approve(approverB, id);
        assertThat(stopped.status()).isEqualTo(409);
        assertThat(stopped.json().get("detail").asString()).contains("legal hold " + encounterHold);
        assertThat(jdbc.sql("select body from clinical_document where id = ?").param(adultDocument).query(String.class).single())
                .isEqualTo(SECRET);
        JsonNode after = api.as(approverA, "GET", "/api/retention/destructions/" + id, null).json();
        assertThat(after.get("status").asString()).isEqualTo("PROPOSED");
        assertThat(after.get("approvals")).hasSize(1);
        // The child's encounter is not covered by a hold on another patient.
        assertThat(worklist(child, LocalDate.of(2022, 1, 1)).get(0).get("hold").isNull()).isTrue();
    }

    @Test
    void aHeldRecordMergedIntoAnotherStaysHeld() {
        String counsel = accounts.of(Role.PRIVACY_OFFICER);
        long hold = api.as(counsel, "POST", "/api/retention/holds", """
                {"patientId":%d,"matter":"Roe v. General Hospital","reason":"Preservation letter."}"""
                .formatted(adult.id())).json().get("id").asLong();
        long[] survivor = new long[1];
        // Registration staff register the second record; the data integrity analyst merges the two.
        survivor[0] = patients.register(new NewPatient(null, null, "Grown", null, adult.familyName(), LocalDate.of(1960, 1, 1),
                AdministrativeSex.M, null, null, null, null)).id();
        accounts.runAs(Role.DATA_INTEGRITY_ANALYST, () -> mpi.merge(survivor[0], adult.id(), "same person registered twice"));
        JsonNode item = worklist(patients.find(survivor[0]).orElseThrow(), LocalDate.of(2020, 1, 1)).get(0);
        assertThat(item.get("encounterId").asLong()).isEqualTo(adultEncounter);
        assertThat(item.get("hold").isNull()).as("the moved encounter is still held").isFalse();
        Api.Response blocked = propose(adultEncounter);
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(api.as(counsel, "GET", "/api/retention/holds?patientId=" + survivor[0], null).body())
                .contains("Carried over from legal hold " + hold);
    }

    @Test
    void aRecordStillWithinRetentionCannotBeProposed() {
        schedule("EMERGENCY", 50, 0); // an emergency visit of 2011 is kept until 2061
        long[] visit = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> visit[0] = charts.record(new NewEncounter(child.id(), null, EncounterClass.EMERGENCY,
                Instant.parse("2011-01-10T09:00:00Z"), Instant.parse("2011-01-10T10:00:00Z"), "Dr. ER", "ED", null)).id());
        Api.Response kept = propose(visit[0]);
        assertThat(kept.status()).isEqualTo(409);
        assertThat(kept.json().get("detail").asString()).contains("not past its retention period");
        assertThat(api.as(manager, "PUT", "/api/retention/schedules", """
                {"jurisdiction":"%s","recordType":"SURGERY","retainYears":5,"authority":"x"}""".formatted(jurisdiction)).status())
                .isEqualTo(400);
    }

    @Test
    void theHoldsPagePlacesAndReleasesAndTheCertificateOpensFromItsPage() {
        org.custodian.support.WebSession web = new org.custodian.support.WebSession(api.baseUrl());
        web.login(approverA, StaffAccounts.PASSWORD);
        web.get("/retention/holds");
        assertThat(web.post("/retention/holds", "patientId", Long.toString(child.id()), "encounterId", "",
                "matter", "Roe v. County", "reason", "Subpoena duces tecum").status()).isEqualTo(302);
        String page = web.get("/retention/holds?patientId=" + child.id()).body();
        assertThat(page).contains("Roe v. County", "Whole record", "In force");
        long hold = api.as(approverA, "GET", "/api/retention/holds?patientId=" + child.id(), null).json().get(0).get("id").asLong();
        web.post("/retention/holds/" + hold + "/release", "reason", "");
        assertThat(web.get("/retention/holds?patientId=" + child.id()).body()).contains("reason: must not be blank", "In force");
        web.post("/retention/holds/" + hold + "/release", "reason", "Subpoena withdrawn");
        assertThat(web.get("/retention/holds?patientId=" + child.id()).body()).contains("Subpoena withdrawn").doesNotContain("In force");

        long id = propose(adultEncounter).json().get("id").asLong();
        approve(approverA, id);
        approve(approverB, id);
        org.custodian.support.WebSession.Page pdf = web.get("/retention/destructions/" + id + "/certificate.pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        assertThat(pdf.body()).startsWith("%PDF-");
        assertThat(web.get("/retention/destructions/" + id).body()).contains("DESTROYED under certificate COD-", "certificate.pdf");
        org.custodian.support.WebSession coder = new org.custodian.support.WebSession(api.baseUrl());
        coder.login(accounts.of(Role.CODER), StaffAccounts.PASSWORD);
        assertThat(coder.get("/retention/destructions/" + id + "/certificate.pdf").status()).isEqualTo(403);
    }

    private byte[] download(String user, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":"
                        + (user.equals("admin") ? StaffAccounts.ADMIN_PASSWORD : StaffAccounts.PASSWORD)).getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        return r.body();
    }
}
