package org.custodian.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditQuery;
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

@CustodianTest
class ChartIT {

    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired StaffAccounts accounts;
    @Autowired AuditLog audit;
    @Autowired Api api;

    long patientId;
    long encounterId;
    long documentId;

    @BeforeEach
    void chart() {
        accounts.runAs(Role.CLINICIAN, () -> {
            patientId = patients.register(new NewPatient(null, null, "Chart", null, "Holder-" + UUID.randomUUID().toString().substring(0, 6),
                    LocalDate.of(1955, 5, 5), AdministrativeSex.F, null, null, null, null)).id();
            Instant admit = Instant.parse("2026-03-01T08:00:00Z");
            encounterId = charts.record(new NewEncounter(patientId, null, EncounterClass.INPATIENT, admit,
                    admit.plus(4, ChronoUnit.DAYS), "Dr. Grey", "Surgery", DischargeDisposition.SKILLED_NURSING)).id();
            charts.record(new NewEncounter(patientId, null, EncounterClass.EMERGENCY, admit.minus(30, ChronoUnit.DAYS),
                    admit.minus(30, ChronoUnit.DAYS).plus(5, ChronoUnit.HOURS), "Dr. Ross", "Emergency", DischargeDisposition.HOME));
            documentId = charts.file(new NewDocument(patientId, encounterId, DocumentType.OPERATIVE_REPORT, null, StaffAccounts.CLINICIAN_NAME,
                    "Laparoscopic cholecystectomy without complication.", DocumentStatus.UNSIGNED, admit.plus(1, ChronoUnit.DAYS), null, null)).id();
            charts.file(new NewDocument(patientId, encounterId, DocumentType.DISCHARGE_SUMMARY, null, "Dr. Grey",
                    "Discharged to SNF.", DocumentStatus.SIGNED, admit.plus(4, ChronoUnit.DAYS), "dr.grey", admit.plus(4, ChronoUnit.DAYS)));
        });
    }

    @Test
    void theChartHoldsEncountersNewestFirstAndDocumentsWithLoincCodes() {
        accounts.runAs(Role.CODER, () -> {
            Chart chart = charts.chart(patientId);
            assertThat(chart.encounters()).hasSize(2);
            assertThat(chart.encounters().get(0).id()).isEqualTo(encounterId);
            assertThat(chart.encounters().get(0).dischargeDisposition()).isEqualTo(DischargeDisposition.SKILLED_NURSING);
            assertThat(chart.documents()).extracting(DocumentSummary::loincCode).containsExactlyInAnyOrder("11504-8", "18842-5");
            assertThat(chart.documents()).extracting(DocumentSummary::status).containsExactlyInAnyOrder(DocumentStatus.UNSIGNED, DocumentStatus.SIGNED);
        });
    }

    @Test
    void signingRecordsWhoAndWhenOnceAndIsAudited() {
        String clinician = accounts.of(Role.CLINICIAN);
        Instant before = Instant.now().minusSeconds(1);
        accounts.runAs(Role.CLINICIAN, () -> {
            ClinicalDocument signed = charts.sign(documentId);
            assertThat(signed.status()).isEqualTo(DocumentStatus.SIGNED);
            // The signature is the practitioner's, not the account's (42 CFR 482.24(c)(1)).
            assertThat(signed.signedBy()).isEqualTo(StaffAccounts.CLINICIAN_SIGNATURE);
            assertThat(signed.signerId()).isEqualTo(accounts.clinicianPractitioner());
            assertThat(signed.signedAt()).isAfter(before);
            assertThatThrownBy(() -> charts.sign(documentId)).isInstanceOfSatisfying(org.custodian.Problem.class,
                    p -> assertThat(p.status()).isEqualTo(409));
        });
        assertThat(audit.find(new AuditQuery(patientId, clinician, before, null, 0, 20)))
                .anySatisfy(e -> {
                    assertThat(e.action()).isEqualTo("SIGN");
                    assertThat(e.resourceId()).isEqualTo(String.valueOf(documentId));
                });
    }

    @Test
    void readingTheChartThroughTheApiIsAuditedWithPatientAndUser() {
        Instant before = Instant.now().minusSeconds(1);
        String roi = accounts.of(Role.ROI_SPECIALIST);
        assertThat(api.as(roi, "GET", "/api/patients/" + patientId, null).status()).isEqualTo(200);
        assertThat(api.as(roi, "GET", "/api/documents/" + documentId, null).json().path("text").asString()).contains("cholecystectomy");
        assertThat(api.as(roi, "GET", "/api/encounters/" + encounterId, null).json().path("encounterClass").asString()).isEqualTo("INPATIENT");
        var events = audit.find(new AuditQuery(patientId, roi, before, null, 0, 20));
        assertThat(events).extracting(e -> e.resourceType() + ":" + e.action())
                .contains("Chart:READ", "Patient:READ", "DocumentReference:READ", "Encounter:READ");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.roles()).isEqualTo("ROI_SPECIALIST");
            assertThat(e.clientAddress()).isNotBlank();
        });
    }

    @Test
    void aDischargeBeforeAdmissionIsRefused() {
        Instant admit = Instant.parse("2026-03-01T08:00:00Z");
        accounts.runAs(Role.CLINICIAN, () -> assertThatThrownBy(() -> charts.record(new NewEncounter(patientId, null,
                EncounterClass.OUTPATIENT, admit, admit.minusSeconds(60), null, null, null)))
                .hasMessageContaining("dischargeAt"));
    }
}
