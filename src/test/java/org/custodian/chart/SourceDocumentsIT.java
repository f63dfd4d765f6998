package org.custodian.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Documents kept in step with their source: revisions keep what they replace, signed text is never lost. */
@CustodianTest
class SourceDocumentsIT {

    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired SourceDocuments documents;
    @Autowired RecordDestruction destruction;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired org.custodian.support.Api api;

    static final Instant SIGNED_AT = Instant.parse("2026-03-02T10:00:00Z");
    long patientId;
    long encounterId;
    long documentId;

    @BeforeEach
    void document() {
        accounts.runAs(Role.CLINICIAN, () -> {
            patientId = patients.register(new NewPatient(null, null, "Source", null, "Doc-" + UUID.randomUUID().toString()
                    .substring(0, 6), LocalDate.of(1961, 2, 3), AdministrativeSex.M, null, null, null, null)).id();
            Instant admit = Instant.parse("2026-03-01T08:00:00Z");
            encounterId = charts.record(new NewEncounter(patientId, null, EncounterClass.INPATIENT, admit,
                    admit.plus(2, ChronoUnit.DAYS), "Dr. Grey", "Medicine", DischargeDisposition.HOME)).id();
            documentId = charts.file(new NewDocument(patientId, encounterId, DocumentType.DISCHARGE_SUMMARY, null, "Dr. Grey",
                    "First dictation.", DocumentStatus.UNSIGNED, admit, null, null)).id();
        });
    }

    private DocumentRevision revision(String text, DocumentStatus status) {
        boolean signed = status == DocumentStatus.SIGNED;
        return new DocumentRevision(DocumentType.DISCHARGE_SUMMARY, null, "Dr. Grey", text, status,
                signed ? "Dr. Grey" : null, signed ? SIGNED_AT : null);
    }

    @Test
    void aSignedDocumentWhoseTextChangesIsAmendedAndItsSignedTextKept() {
        accounts.runAs(Role.CLINICIAN, () -> {
            assertThat(documents.revise(documentId, revision("First dictation.", DocumentStatus.SIGNED)))
                    .isEqualTo(SourceDocuments.Revision.REPLACED);
            assertThat(documents.revise(documentId, revision("First dictation.", DocumentStatus.SIGNED)))
                    .isEqualTo(SourceDocuments.Revision.UNCHANGED);
            assertThat(charts.document(documentId).status()).isEqualTo(DocumentStatus.SIGNED);
            assertThat(documents.revise(documentId, revision("First dictation, corrected.", DocumentStatus.SIGNED)))
                    .isEqualTo(SourceDocuments.Revision.AMENDED);
            ClinicalDocument now = charts.document(documentId);
            assertThat(now.status()).isEqualTo(DocumentStatus.AMENDED);
            assertThat(now.text()).isEqualTo("First dictation, corrected.");
            assertThat(documents.versions(documentId)).extracting(SourceDocuments.Version::status, SourceDocuments.Version::text)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(DocumentStatus.UNSIGNED, "First dictation."),
                            org.assertj.core.groups.Tuple.tuple(DocumentStatus.SIGNED, "First dictation."));
            // Never back to draft once signed.
            assertThatThrownBy(() -> documents.revise(documentId, revision("Other.", DocumentStatus.DRAFT)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("status:");
            // Nor cancelled: authenticated, it is part of the legal health record.
            assertThatThrownBy(() -> documents.cancel(documentId)).isInstanceOf(IllegalStateException.class);
            assertThat(charts.document(documentId).text()).isEqualTo("First dictation, corrected.");
        });
        // The document page shows the earlier versions, newest first, the signed one with its signer.
        org.custodian.support.WebSession web = new org.custodian.support.WebSession(api.baseUrl());
        web.login(accounts.of(Role.CODER), org.custodian.support.StaffAccounts.PASSWORD);
        String page = web.get("/documents/" + documentId).body();
        assertThat(page).contains("data-testid=\"document-versions\"", "Earlier versions", "signed by Dr. Grey",
                "First dictation.", "First dictation, corrected.", ">Amended<");
        assertThat(page.indexOf("Version 2")).isLessThan(page.indexOf("Version 1"));
    }

    @Test
    void aCancelledDocumentIsKeptMarkedAndCannotBeSignedOrRevised() {
        accounts.runAs(Role.CLINICIAN, () -> {
            // Signed by its author, so that the refusal is the cancellation's, not the signing authority's.
            long own = charts.file(new NewDocument(patientId, encounterId, DocumentType.PROGRESS_NOTE, null,
                    StaffAccounts.CLINICIAN_NAME, "Own note.", DocumentStatus.UNSIGNED, SIGNED_AT, null, null)).id();
            assertThat(documents.cancel(own)).isTrue();
            assertThatThrownBy(() -> charts.sign(own)).isInstanceOfSatisfying(org.custodian.Problem.class,
                    p -> assertThat(p.status()).isEqualTo(409));
            assertThat(documents.cancel(documentId)).isTrue();
            assertThat(documents.cancel(documentId)).isFalse();
            ClinicalDocument d = charts.document(documentId);
            assertThat(d.status()).isEqualTo(DocumentStatus.CANCELLED);
            assertThat(d.text()).isEqualTo("First dictation.");
            assertThatThrownBy(() -> documents.revise(documentId, revision("Again.", DocumentStatus.UNSIGNED)))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(charts.chart(patientId).documents()).extracting(DocumentSummary::status)
                    .containsExactly(DocumentStatus.CANCELLED, DocumentStatus.CANCELLED);
        });
        // Over FHIR: entered in error, as R4's DocumentReference.status says of a withdrawn document.
        assertThat(api.as(accounts.of(Role.CLINICIAN), "GET", "/fhir/r4/DocumentReference/" + documentId, null).json()
                .path("status").asString()).isEqualTo("entered-in-error");
    }

    @Test
    void destroyingTheRecordPurgesTheKeptVersionsToo() {
        accounts.runAs(Role.CLINICIAN, () -> documents.revise(documentId, revision("Second dictation.", DocumentStatus.UNSIGNED)));
        assertThat(jdbc.sql("select body from clinical_document_version where document_id = ?").param(documentId)
                .query(String.class).list()).containsExactly("First dictation.");
        accounts.runAs(Role.ADMIN, () -> destruction.destroyEncounter(encounterId, "CERT-" + documentId));
        assertThat(jdbc.sql("select body from clinical_document_version where document_id = ?").param(documentId)
                .query(String.class).single()).startsWith("Destroyed under certificate of destruction CERT-");
    }
}
