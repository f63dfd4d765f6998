package org.custodian.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.custodian.chart.ChartService;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.NewDocument;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.custodian.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * One problem vocabulary: a module's problem reaches an API client as an RFC 9457 problem detail
 * with a stable type URI, a FHIR client as an OperationOutcome, and a person as the error page;
 * an unknown path answers in the same terms instead of a bare framework error.
 */
@CustodianTest
class ProblemVocabularyIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;

    @Test
    void aNotFoundPatientIsAProblemWithItsStableType() {
        Api.Response r = api.as(accounts.of(Role.CODER), "GET", "/api/patients/987654321098", null);
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        JsonNode problem = r.json();
        assertThat(problem.path("type").asString()).isEqualTo("/problems/patient-not-found");
        assertThat(problem.path("title").asString()).isEqualTo("Patient not found");
        assertThat(problem.path("detail").asString()).isEqualTo("No patient has id 987654321098.");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/patients/987654321098");
    }

    @Test
    void signingASignedDocumentIsAConflictNamedByItsType() {
        long[] document = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> {
            long patientId = patients.register(TestPatients.newPatient("Problem", TestPatients.uniqueName("Signed"),
                    LocalDate.of(1970, 5, 5))).id();
            Instant at = Instant.parse("2026-02-02T10:00:00Z");
            document[0] = charts.file(new NewDocument(patientId, null, DocumentType.PROGRESS_NOTE, null, StaffAccounts.CLINICIAN_NAME,
                    "Seen.", DocumentStatus.SIGNED, at, "dr.day", at)).id();
        });
        Api.Response r = api.as(accounts.of(Role.CLINICIAN), "POST", "/api/documents/" + document[0] + "/signature", null);
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().path("type").asString()).isEqualTo("/problems/document-already-signed");
    }

    @Test
    void anUnknownApiPathIsANotFoundProblemNotAFrameworkError() {
        Api.Response r = api.as(accounts.of(Role.ADMIN), "GET", "/api/no-such-thing/42", null);
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(r.json().path("type").asString()).isEqualTo("/problems/no-such-endpoint");
        assertThat(r.json().path("detail").asString()).contains("GET /api/no-such-thing/42");
    }

    @Test
    void anUnknownFhirPathIsAnOperationOutcome() {
        Api.Response r = api.as(accounts.of(Role.HIM_DIRECTOR), "GET", "/fhir/r4/NoSuchResource/1", null);
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/fhir+json");
        assertThat(r.json().path("resourceType").asString()).isEqualTo("OperationOutcome");
        assertThat(r.json().path("issue").get(0).path("code").asString()).isEqualTo("not-supported");
    }

    @Test
    void aProblemUnderAPageIsTheReadableErrorPageOfItsStatus() {
        WebSession web = new WebSession(api.baseUrl());
        web.login(accounts.of(Role.CODER), StaffAccounts.PASSWORD);
        WebSession.Page page = web.get("/patients/987654321098");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("<html").doesNotContain("\"type\"");
    }
}
