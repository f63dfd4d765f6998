package org.custodian.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
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

/** The chart page, the document page and signing. */
@CustodianTest
class ChartPagesIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;

    record Fixture(Patient patient, Encounter encounter, ClinicalDocument unsigned, ClinicalDocument signed) {
    }

    private Fixture chartWithDocuments() {
        Patient p = patients.register(TestPatients.newPatient("Chart", TestPatients.uniqueName("Chart"), LocalDate.of(1950, 3, 14)));
        Instant admit = Instant.now().minus(10, ChronoUnit.DAYS);
        Encounter e = charts.record(new NewEncounter(p.id(), null, EncounterClass.INPATIENT, admit,
                admit.plus(4, ChronoUnit.DAYS), "Dr. Ward", "Cardiology", DischargeDisposition.HOME));
        ClinicalDocument unsigned = charts.file(new NewDocument(p.id(), e.id(), DocumentType.PROGRESS_NOTE, "Day 2 note",
                StaffAccounts.CLINICIAN_NAME, "S: better.\nO: afebrile.\nA/P: continue.", DocumentStatus.UNSIGNED, admit.plus(1, ChronoUnit.DAYS), null, null));
        ClinicalDocument signed = charts.file(new NewDocument(p.id(), e.id(), DocumentType.DISCHARGE_SUMMARY, null,
                "Dr. Ward", "Discharged home.", DocumentStatus.SIGNED, admit.plus(4, ChronoUnit.DAYS), "dr.ward",
                admit.plus(5, ChronoUnit.DAYS)));
        return new Fixture(p, e, unsigned, signed);
    }

    private WebSession as(Role role) {
        WebSession web = new WebSession(api.baseUrl());
        web.login(accounts.of(role), StaffAccounts.PASSWORD);
        return web;
    }

    @Test
    void theChartShowsDemographicsEncountersAndDocuments() {
        Fixture f = chartWithDocuments();
        Page chart = as(Role.CODER).get("/patients/" + f.patient().id());
        assertThat(chart.status()).isEqualTo(200);
        assertThat(chart.body())
                .contains(f.patient().displayName(), f.patient().mrn(), "03/14/1950", "Female", "***-**-6789")
                .doesNotContain("123-45-6789", "123456789")
                .contains("1 Test Way, Springfield, IL 62701", "217-555-0100", "Driver license", "D-" + f.patient().familyName())
                .contains(f.encounter().encounterNumber(), "Inpatient", "4 d", "Dr. Ward", "Cardiology", "Discharged to home or self-care")
                .contains("Progress note", "LOINC 11506-3", "Day 2 note", "badge-unsigned", "Unsigned")
                .contains("Discharge summary", "LOINC 18842-5", "badge-signed", "dr.ward")
                .contains("href=\"/documents/" + f.unsigned().id() + "\"");
        // A coder has no audit:read: no link to the access history.
        assertThat(chart.body()).doesNotContain("Access history");
        assertThat(as(Role.PRIVACY_OFFICER).get("/patients/" + f.patient().id()).body())
                .contains("href=\"/audit?patientId=" + f.patient().id() + "\"");
    }

    @Test
    void theDocumentPageShowsTheTextAndTheSignButtonOnlyToThoseWhoMaySign() {
        Fixture f = chartWithDocuments();
        Page asCoder = as(Role.CODER).get("/documents/" + f.unsigned().id());
        assertThat(asCoder.status()).isEqualTo(200);
        assertThat(asCoder.body()).contains("Day 2 note", "S: better.\nO: afebrile.", f.patient().displayName(), f.patient().mrn())
                .doesNotContain("data-testid=\"sign-button\"");

        WebSession clinician = as(Role.CLINICIAN);
        Page unsigned = clinician.get("/documents/" + f.unsigned().id());
        assertThat(unsigned.body()).contains("data-testid=\"sign-button\"", "action=\"/documents/" + f.unsigned().id() + "/sign\"");
        Page signed = clinician.get("/documents/" + f.signed().id());
        assertThat(signed.body()).doesNotContain("data-testid=\"sign-button\"");
    }

    @Test
    void aClinicianSignsAnUnsignedDocumentAndACoderCannot() {
        Fixture f = chartWithDocuments();
        WebSession coder = as(Role.CODER);
        coder.get("/documents/" + f.unsigned().id());
        assertThat(coder.post("/documents/" + f.unsigned().id() + "/sign").status()).isEqualTo(403);
        assertThat(charts.document(f.unsigned().id()).status()).isEqualTo(DocumentStatus.UNSIGNED);

        WebSession clinician = as(Role.CLINICIAN);
        clinician.get("/documents/" + f.unsigned().id());
        Page answer = clinician.post("/documents/" + f.unsigned().id() + "/sign");
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.redirectPath()).isEqualTo("/documents/" + f.unsigned().id());
        Page after = clinician.get("/documents/" + f.unsigned().id());
        assertThat(after.body()).contains("The document is signed.", "badge-signed", StaffAccounts.CLINICIAN_SIGNATURE)
                .doesNotContain("data-testid=\"sign-button\"");
        ClinicalDocument stored = charts.document(f.unsigned().id());
        assertThat(stored.status()).isEqualTo(DocumentStatus.SIGNED);
        assertThat(stored.signedBy()).isEqualTo(StaffAccounts.CLINICIAN_SIGNATURE);

        // Signing twice is refused in words, not with an error page.
        Page again = clinician.post("/documents/" + f.unsigned().id() + "/sign");
        assertThat(again.status()).isEqualTo(302);
        assertThat(clinician.get("/documents/" + f.unsigned().id()).body()).contains("already signed");
    }

    @Test
    void patientTextIsEscaped() {
        Patient p = patients.register(new NewPatient(null, null, "<script>alert(1)</script>", null,
                TestPatients.uniqueName("Esc") + "<b>", LocalDate.of(1990, 1, 1), AdministrativeSex.U, null, null,
                "\"><img src=x>", null));
        Page chart = as(Role.CODER).get("/patients/" + p.id());
        assertThat(chart.status()).isEqualTo(200);
        assertThat(chart.body()).doesNotContain("<script>alert(1)", "<b>,", "<img src=x>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
}
