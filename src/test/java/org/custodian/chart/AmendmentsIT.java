package org.custodian.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Requests to amend through the API, as the HIM director works them (45 CFR 164.526). */
@CustodianTest
class AmendmentsIT {

    static final String ORIGINAL = "Allergies: penicillin (hives). Plan: continue home medications.";

    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired Amendments amendments;
    @Autowired StaffAccounts accounts;
    @Autowired Api api;

    String director;
    long patientId;
    long documentId;

    @BeforeEach
    void signedDocument() {
        director = accounts.of(Role.HIM_DIRECTOR);
        accounts.runAs(Role.CLINICIAN, () -> {
            patientId = patients.register(new NewPatient(null, null, "Amend", null, "Requester-" + UUID.randomUUID().toString().substring(0, 6),
                    LocalDate.of(1961, 7, 9), AdministrativeSex.M, null, null, null, null)).id();
            Instant at = Instant.parse("2025-06-02T10:00:00Z");
            long encounterId = charts.record(new NewEncounter(patientId, null, EncounterClass.OUTPATIENT, at, at.plusSeconds(3600),
                    "Dr. Lane", "Clinic", null)).id();
            documentId = charts.file(new NewDocument(patientId, encounterId, DocumentType.PROGRESS_NOTE, null, "Dr. Lane", ORIGINAL,
                    DocumentStatus.SIGNED, at, "dr.lane", at)).id();
        });
    }

    private JsonNode receive(LocalDate receivedOn) {
        Api.Response r = api.as(director, "POST", "/api/amendments", """
                {"documentId":%d,"requestedChange":"My allergy is to sulfa, not penicillin.","patientReason":"Pharmacy record",
                 "receivedOn":"%s"}""".formatted(documentId, receivedOn));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private LocalDate today() {
        return org.custodian.support.HospitalToday.date();
    }

    @Test
    void acceptedAmendmentIsLinkedAndTheDocumentMarkedAmendedWithItsOriginalTextIntact() {
        long id = receive(today()).get("id").asLong();
        Api.Response accepted = api.as(director, "POST", "/api/amendments/" + id + "/acceptance",
                "{\"amendmentText\":\"Allergy corrected: sulfonamides (rash). No known penicillin allergy.\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.json().get("decidedBy").asString()).isEqualTo(director);

        JsonNode document = api.as(director, "GET", "/api/documents/" + documentId, null).json();
        assertThat(document.get("status").asString()).isEqualTo("AMENDED");
        assertThat(document.get("text").asString()).isEqualTo(ORIGINAL);

        JsonNode linked = api.as(director, "GET", "/api/amendments?documentId=" + documentId, null).json();
        assertThat(linked).hasSize(1);
        assertThat(linked.get(0).get("request").get("amendmentText").asString()).startsWith("Allergy corrected");

        accounts.runAs(Role.ROI_SPECIALIST, () -> assertThat(amendments.statementsFor(documentId))
                .extracting(AmendmentStatement::kind).containsExactly(AmendmentStatement.Kind.AMENDMENT));
        // Decided once: a second decision is a conflict.
        assertThat(api.as(director, "POST", "/api/amendments/" + id + "/denial", "{\"reason\":\"ACCURATE_AND_COMPLETE\"}").status())
                .isEqualTo(409);
    }

    @Test
    void denialNeedsOneOfThePermittedReasonsAndCarriesDisagreementAndRebuttalIntoDisclosures() {
        long id = receive(today().minusDays(3)).get("id").asLong();
        Api.Response noReason = api.as(director, "POST", "/api/amendments/" + id + "/denial", "{\"explanation\":\"Because.\"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("detail").asString()).contains("reason").contains("164.526(a)(2)");
        assertThat(api.as(director, "POST", "/api/amendments/" + id + "/denial", "{\"reason\":\"WE_SAID_SO\"}").status())
                .isEqualTo(400);
        // A statement of disagreement answers a denial, not a pending request.
        assertThat(api.as(director, "POST", "/api/amendments/" + id + "/disagreement", "{\"statement\":\"x\"}").status())
                .isEqualTo(409);

        Api.Response denied = api.as(director, "POST", "/api/amendments/" + id + "/denial",
                "{\"reason\":\"ACCURATE_AND_COMPLETE\",\"explanation\":\"The allergy was documented by the patient's PCP.\"}");
        assertThat(denied.status()).as(denied.body()).isEqualTo(200);
        assertThat(denied.json().get("denialReason").asString()).isEqualTo("ACCURATE_AND_COMPLETE");
        // Without a statement of disagreement nothing is carried with disclosures.
        assertThat(api.as(director, "GET", "/api/amendments/statements?documentId=" + documentId, null).json()).isEmpty();

        assertThat(api.as(director, "POST", "/api/amendments/" + id + "/rebuttal", "{\"rebuttal\":\"x\"}").status()).isEqualTo(409);
        assertThat(api.as(director, "POST", "/api/amendments/" + id + "/disagreement",
                "{\"statement\":\"I have never taken penicillin; the reaction was to Bactrim.\"}").status()).isEqualTo(200);
        assertThat(api.as(director, "POST", "/api/amendments/" + id + "/rebuttal",
                "{\"rebuttal\":\"The 2019 ED record documents hives after amoxicillin.\"}").status()).isEqualTo(200);

        JsonNode statements = api.as(director, "GET", "/api/amendments/statements?documentId=" + documentId, null).json();
        assertThat(statements).hasSize(4);
        assertThat(statements.get(0).get("kind").asString()).isEqualTo("REQUEST");
        assertThat(statements.get(1).get("kind").asString()).isEqualTo("DENIAL");
        assertThat(statements.get(1).get("text").asString()).contains("accurate and complete");
        assertThat(statements.get(2).get("text").asString()).contains("Bactrim");
        assertThat(statements.get(3).get("text").asString()).contains("amoxicillin");
        // The document itself is untouched by a denial.
        JsonNode document = api.as(director, "GET", "/api/documents/" + documentId, null).json();
        assertThat(document.get("status").asString()).isEqualTo("SIGNED");
        assertThat(document.get("text").asString()).isEqualTo(ORIGINAL);
    }

    @Test
    void oneExtensionOfThirtyDaysWithinTheSixtyAndOverdueRequestsMarkedOnTheWorklist() {
        LocalDate received = today().minusDays(10);
        JsonNode r = receive(received);
        long id = r.get("id").asLong();
        assertThat(r.get("dueOn").asString()).isEqualTo(received.plusDays(60).toString());
        assertThat(api.as(director, "POST", "/api/amendments/" + id + "/extension", "{\"reason\":\" \"}").status()).isEqualTo(400);
        Api.Response extended = api.as(director, "POST", "/api/amendments/" + id + "/extension",
                "{\"reason\":\"The author is on leave; we will decide by the new date.\"}");
        assertThat(extended.status()).as(extended.body()).isEqualTo(200);
        assertThat(extended.json().get("extendedTo").asString()).isEqualTo(received.plusDays(90).toString());
        Api.Response again = api.as(director, "POST", "/api/amendments/" + id + "/extension", "{\"reason\":\"Still on leave.\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("only one extension");

        long late = receive(today().minusDays(61)).get("id").asLong();
        Api.Response tooLate = api.as(director, "POST", "/api/amendments/" + late + "/extension", "{\"reason\":\"Backlog.\"}");
        assertThat(tooLate.status()).isEqualTo(409);
        assertThat(tooLate.json().get("detail").asString()).contains("within the 60 days");

        JsonNode worklist = api.as(director, "GET", "/api/amendments", null).json();
        JsonNode lateItem = null;
        JsonNode extendedItem = null;
        for (JsonNode item : worklist) {
            long itemId = item.get("request").get("id").asLong();
            if (itemId == late) {
                lateItem = item;
            } else if (itemId == id) {
                extendedItem = item;
            }
        }
        assertThat(lateItem).isNotNull();
        assertThat(lateItem.get("overdue").asBoolean()).isTrue();
        assertThat(extendedItem).isNotNull();
        assertThat(extendedItem.get("overdue").asBoolean()).isFalse();
        assertThat(extendedItem.get("deadline").asString()).isEqualTo(received.plusDays(90).toString());
        assertThat(api.as(director, "POST", "/api/amendments", """
                {"documentId":%d,"requestedChange":"x","receivedOn":"%s"}""".formatted(documentId, today().plusDays(1))).status())
                .isEqualTo(400);
    }

    @Test
    void anUnsignedDocumentIsCorrectedByItsAuthorNotAmended() {
        long[] unsigned = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> unsigned[0] = charts.file(new NewDocument(patientId, null, DocumentType.CONSULT_NOTE,
                null, "Dr. Lane", "Draft consult.", DocumentStatus.UNSIGNED, Instant.now(), null, null)).id());
        long id = api.as(director, "POST", "/api/amendments", "{\"documentId\":" + unsigned[0] + ",\"requestedChange\":\"Fix it.\"}")
                .json().get("id").asLong();
        Api.Response r = api.as(director, "POST", "/api/amendments/" + id + "/acceptance", "{\"amendmentText\":\"Fixed.\"}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(api.as(director, "POST", "/api/amendments", "{\"documentId\":999999999,\"requestedChange\":\"x\"}").status())
                .isEqualTo(404);
    }
}
