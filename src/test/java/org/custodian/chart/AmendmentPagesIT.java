package org.custodian.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.custodian.support.WebSession;
import org.custodian.support.WebSession.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The amendment pages: intake from the document, the request page, accept and deny with readable refusals. */
@CustodianTest
class AmendmentPagesIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;

    private long signedDocument() {
        Patient p = patients.register(TestPatients.newPatient("Page", TestPatients.uniqueName("Amend"), LocalDate.of(1972, 8, 1)));
        Instant at = Instant.parse("2025-09-01T10:00:00Z");
        return charts.file(new NewDocument(p.id(), null, DocumentType.HISTORY_AND_PHYSICAL, null, "Dr. Page",
                "Social history: smokes one pack a day.", DocumentStatus.SIGNED, at, "dr.page", at)).id();
    }

    private WebSession as(Role role) {
        WebSession web = new WebSession(api.baseUrl());
        web.login(accounts.of(role), StaffAccounts.PASSWORD);
        return web;
    }

    @Test
    void receiveFromTheDocumentAcceptAndTheDocumentShowsBothTexts() {
        long documentId = signedDocument();
        WebSession director = as(Role.HIM_DIRECTOR);
        assertThat(director.get("/documents/" + documentId).body()).contains("href=\"/amendments?documentId=" + documentId + "\"");
        Page form = director.get("/amendments?documentId=" + documentId);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("value=\"" + documentId + "\"");

        Page received = director.post("/amendments", "documentId", Long.toString(documentId),
                "requestedChange", "I quit smoking in 2020.", "receivedOn", "");
        assertThat(received.status()).isEqualTo(302);
        String requestPage = received.redirectPath();
        assertThat(requestPage).matches("/amendments/\\d+");
        Page request = director.get(requestPage);
        assertThat(request.body()).contains("I quit smoking in 2020.", "smokes one pack a day", "PENDING", "due by");

        // A blank amendment is refused in words, and nothing changes.
        director.post(requestPage + "/accept", "amendmentText", " ");
        assertThat(director.get(requestPage).body()).contains("amendmentText: must not be blank", "PENDING");

        assertThat(director.post(requestPage + "/accept", "amendmentText", "Former smoker; quit 2020.").status()).isEqualTo(302);
        assertThat(director.get(requestPage).body()).contains("ACCEPTED", "Former smoker; quit 2020.");
        Page document = director.get("/documents/" + documentId);
        assertThat(document.body()).contains("Social history: smokes one pack a day.", "Former smoker; quit 2020.", "Amended");

        assertThat(as(Role.CODER).get("/amendments").status()).isEqualTo(403);
    }

    @Test
    void denyOnAPermittedGroundThenTheStatementAndRebuttal() {
        long documentId = signedDocument();
        WebSession officer = as(Role.PRIVACY_OFFICER);
        officer.get("/amendments");
        String requestPage = officer.post("/amendments", "documentId", Long.toString(documentId),
                "requestedChange", "Remove the smoking history.", "receivedOn", "01/15/2026").redirectPath();
        assertThat(officer.get(requestPage).body()).contains("2026-03-16"); // 15 Jan + 60 days
        officer.post(requestPage + "/deny", "reason", "NOT_A_REASON", "explanation", "");
        assertThat(officer.get(requestPage).body()).contains("reason: one of", "PENDING");
        officer.post(requestPage + "/deny", "reason", "ACCURATE_AND_COMPLETE", "explanation", "Confirmed with the patient at admission.");
        officer.post(requestPage + "/disagreement", "statement", "I was misheard.");
        officer.post(requestPage + "/rebuttal", "rebuttal", "The nurse's intake note agrees.");
        assertThat(officer.get(requestPage).body()).contains("DENIED", "The information is accurate and complete.",
                "I was misheard.", "The nurse's intake note agrees.");
        assertThat(officer.get("/documents/" + documentId).body()).contains("Disagreement", "I was misheard.", "Rebuttal");
    }
}
