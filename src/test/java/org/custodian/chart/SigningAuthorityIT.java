package org.custodian.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.staff.MedicalStaffStatus;
import org.custodian.staff.NewPractitioner;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.Npi;
import org.custodian.staff.Practitioner;
import org.custodian.staff.ProviderDirectory;
import org.custodian.staff.StaffDirectory;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.custodian.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Practitioners by reference, and who may sign: only the author or a named cosigner authenticates
 * an entry (42 CFR 482.24(c)(1)); anyone else gets 403, on the API and in the UI.
 */
@CustodianTest
class SigningAuthorityIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired ProviderDirectory directory;
    @Autowired StaffDirectory staff;

    /** Another physician with an account of their own (a clinician, but not the author). */
    private Practitioner otherPhysician() {
        String username = "dr-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(username, "Other Physician", StaffAccounts.PASSWORD, Set.of(Role.CLINICIAN)));
        String nine = "1" + String.format("%08d", Math.floorMod(username.hashCode(), 100_000_000));
        Practitioner[] p = new Practitioner[1];
        accounts.runAs(Role.HIM_DIRECTOR, () -> p[0] = directory.add(new NewPractitioner(nine + Npi.checkDigit(nine),
                "Dr. Other " + username, "DO", "Hospital medicine", "Medicine", MedicalStaffStatus.ACTIVE, username)));
        return p[0];
    }

    private ClinicalDocument unsignedNoteOfTheTestClinician() {
        ClinicalDocument[] d = new ClinicalDocument[1];
        accounts.runAs(Role.CLINICIAN, () -> {
            long patient = patients.register(TestPatients.newPatient("Sign", TestPatients.uniqueName("Author"),
                    LocalDate.of(1961, 2, 3))).id();
            Instant admit = Instant.now().minus(2, ChronoUnit.DAYS);
            Encounter e = charts.record(new NewEncounter(patient, null, EncounterClass.INPATIENT, admit, null,
                    StaffAccounts.CLINICIAN_NAME, "Medicine", null));
            d[0] = charts.file(new NewDocument(patient, e.id(), DocumentType.PROGRESS_NOTE, null, StaffAccounts.CLINICIAN_NAME,
                    "Day 1: stable.", DocumentStatus.UNSIGNED, admit.plusSeconds(3600), null, null));
        });
        return d[0];
    }

    @Test
    void freeTextPractitionersBecomeReferencesToTheDirectory() {
        long clinician = accounts.clinicianPractitioner();
        ClinicalDocument d = unsignedNoteOfTheTestClinician();
        assertThat(d.authorId()).isEqualTo(clinician);
        accounts.runAs(Role.CODER, () -> assertThat(charts.encounter(d.encounterId()).participants())
                .containsExactly(new EncounterParticipant(ParticipantRole.ATTENDING, clinician,
                        charts.encounter(d.encounterId()).admitAt())));
        // A name the directory does not know becomes one unverified entry, the same for each mention.
        String unknown = "Dr. Unlisted " + UUID.randomUUID().toString().substring(0, 6);
        var ids = directory.resolveNames(List.of(unknown, unknown.toUpperCase(), " " + unknown + " "));
        assertThat(ids.values()).hasSize(2).containsOnly(ids.get(unknown)); // the trimmed spelling is the same key
        assertThat(directory.find(ids.get(unknown)).orElseThrow().status()).isEqualTo(MedicalStaffStatus.UNVERIFIED);
    }

    @Test
    void aClinicianWhoIsNotTheAuthorGets403OnTheApiAndTheDocumentStaysUnsigned() {
        Practitioner other = otherPhysician();
        ClinicalDocument d = unsignedNoteOfTheTestClinician();
        Api.Response r = api.request(other.username(), StaffAccounts.PASSWORD, "POST", "/api/documents/" + d.id() + "/signature", null);
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.json().path("type").asString()).isEqualTo("/problems/not-author-or-cosigner");
        accounts.runAs(Role.CODER, () -> assertThat(charts.document(d.id()).status()).isEqualTo(DocumentStatus.UNSIGNED));

        Api.Response own = api.as(accounts.of(Role.CLINICIAN), "POST", "/api/documents/" + d.id() + "/signature", null);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().path("signedBy").asString()).isEqualTo(StaffAccounts.CLINICIAN_SIGNATURE);
    }

    @Test
    void aClinicianWhoIsNotTheAuthorGets403InTheUiAndSeesNoSignButton() {
        Practitioner other = otherPhysician();
        ClinicalDocument d = unsignedNoteOfTheTestClinician();
        WebSession web = new WebSession(api.baseUrl());
        web.login(other.username(), StaffAccounts.PASSWORD);
        assertThat(web.get("/documents/" + d.id()).body()).doesNotContain("data-testid=\"sign-button\"");
        assertThat(web.post("/documents/" + d.id() + "/sign").status()).isEqualTo(403);
        accounts.runAs(Role.CODER, () -> assertThat(charts.document(d.id()).status()).isEqualTo(DocumentStatus.UNSIGNED));
    }

    @Test
    void aNamedCosignerMaySignAndTheSignatureIsTheirs() {
        Practitioner cosigner = otherPhysician();
        ClinicalDocument d = unsignedNoteOfTheTestClinician();
        accounts.runAs(Role.CLINICIAN, () -> charts.requireCosigner(d.id(), cosigner.id()));
        Api.Response r = api.request(cosigner.username(), StaffAccounts.PASSWORD, "POST", "/api/documents/" + d.id() + "/signature", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        accounts.runAs(Role.CODER, () -> {
            ClinicalDocument signed = charts.document(d.id());
            assertThat(signed.signerId()).isEqualTo(cosigner.id());
            assertThat(signed.signedBy()).isEqualTo(cosigner.display());
        });
    }

    @Test
    void aCosignerIsNamedOverTheApiByWhoeverWritesTheChartAndThenMaySign() {
        Practitioner cosigner = otherPhysician();
        ClinicalDocument d = unsignedNoteOfTheTestClinician();
        String body = "{\"practitionerId\":" + cosigner.id() + "}";
        // Not before it is named: the other physician may not sign (42 CFR 482.24(c)(1)).
        assertThat(api.request(cosigner.username(), StaffAccounts.PASSWORD, "POST", "/api/documents/" + d.id() + "/signature", null)
                .status()).isEqualTo(403);
        assertThat(api.as(accounts.of(Role.CODER), "PUT", "/api/documents/" + d.id() + "/cosigner", body).status()).isEqualTo(403);
        assertThat(api.as(accounts.of(Role.CLINICIAN), "PUT", "/api/documents/" + d.id() + "/cosigner",
                "{\"practitionerId\":999999999}").status()).isEqualTo(400);

        Api.Response named = api.as(accounts.of(Role.CLINICIAN), "PUT", "/api/documents/" + d.id() + "/cosigner", body);
        assertThat(named.status()).as(named.body()).isEqualTo(200);
        assertThat(named.json().path("cosignerId").asLong()).isEqualTo(cosigner.id());
        Api.Response signed = api.request(cosigner.username(), StaffAccounts.PASSWORD, "POST", "/api/documents/" + d.id() + "/signature", null);
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        // A signed document takes no cosigner any more.
        Api.Response late = api.as(accounts.of(Role.CLINICIAN), "PUT", "/api/documents/" + d.id() + "/cosigner", body);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().path("type").asString()).isEqualTo("/problems/document-already-signed");
    }

    @Test
    void theDocumentPageNamesTheCosignerWithAPractitionerPickerForWhoeverMay() {
        Practitioner cosigner = otherPhysician();
        ClinicalDocument d = unsignedNoteOfTheTestClinician();
        WebSession coder = new WebSession(api.baseUrl());
        coder.login(accounts.of(Role.CODER), StaffAccounts.PASSWORD);
        assertThat(coder.get("/documents/" + d.id()).body()).doesNotContain("data-testid=\"cosigner-picker\"");
        assertThat(coder.post("/documents/" + d.id() + "/cosigner", "practitionerId", String.valueOf(cosigner.id())).status())
                .isEqualTo(403);

        WebSession web = new WebSession(api.baseUrl());
        web.login(accounts.of(Role.CLINICIAN), StaffAccounts.PASSWORD);
        String page = web.get("/documents/" + d.id()).body();
        assertThat(page).contains("data-testid=\"cosigner-picker\"")
                .contains("<option value=\"" + cosigner.id() + "\">" + cosigner.display());
        WebSession.Page posted = web.post("/documents/" + d.id() + "/cosigner", "practitionerId", String.valueOf(cosigner.id()));
        assertThat(posted.redirectPath()).isEqualTo("/documents/" + d.id());
        assertThat(web.get("/documents/" + d.id()).body()).contains("Cosigner required").contains(cosigner.display());
        accounts.runAs(Role.CODER, () -> assertThat(charts.document(d.id()).cosignerId()).isEqualTo(cosigner.id()));
    }
}
