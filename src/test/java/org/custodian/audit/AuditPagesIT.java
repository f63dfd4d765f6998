package org.custodian.audit;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The privacy officer's audit log page. */
@CustodianTest
class AuditPagesIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;

    private WebSession as(Role role) {
        WebSession web = new WebSession(api.baseUrl());
        web.login(accounts.of(role), StaffAccounts.PASSWORD);
        return web;
    }

    @Test
    void thePrivacyOfficerSeesWhoReadAChartFilteredByPatientUserAndDate() {
        Patient p = patients.register(TestPatients.newPatient("Audit", TestPatients.uniqueName("Audit"), LocalDate.of(1960, 5, 5)));
        String coder = accounts.of(Role.CODER);
        assertThat(as(Role.CODER).get("/patients/" + p.id()).status()).isEqualTo(200);

        WebSession officer = as(Role.PRIVACY_OFFICER);
        Page byPatient = officer.get("/audit?patientId=" + p.id());
        assertThat(byPatient.status()).isEqualTo(200);
        String table = byPatient.body().substring(byPatient.body().indexOf("data-testid=\"audit-events\""));
        assertThat(table).contains("data-action=\"READ\"", coder, "Chart", "Create");
        // Rows name the patient as people know them, not by database id; actions read as words.
        assertThat(table).contains(p.displayName(), "MRN " + p.mrn()).doesNotContain(">CREATE<", ">READ<");
        // The filter shows the chosen patient by name and MRN, in the patient picker, not an id box.
        assertThat(byPatient.body()).contains("data-testid=\"patient-picker\"", "Name, MRN or date of birth")
                .doesNotContain("Patient id");

        String today = org.custodian.support.HospitalToday.date().toString();
        Page byUserAndDate = officer.get("/audit?patientId=" + p.id() + "&user=" + coder + "&from=" + today + "&to=" + today);
        assertThat(byUserAndDate.body()).contains("data-action=\"READ\"", "Chart").doesNotContain("data-action=\"CREATE\"");

        // An auditor, who may not search patients, filters by the MRN instead.
        WebSession auditor = as(Role.AUDITOR);
        Page byMrn = auditor.get("/audit?patientIdMrn=" + p.mrn());
        assertThat(byMrn.body()).contains("data-testid=\"picker-mrn\"", "data-action=\"READ\"", p.displayName(), "MRN " + p.mrn());
        assertThat(auditor.get("/audit?patientIdMrn=NO-SUCH-MRN").body()).contains("Patient: no patient has MRN NO-SUCH-MRN.");

        Page otherDay = officer.get("/audit?patientId=" + p.id() + "&from=2001-01-01&to=2001-01-31");
        assertThat(otherDay.body()).contains("No events match");
    }

    @Test
    void badFiltersAreNamedAndNeverAServerError() {
        WebSession officer = as(Role.PRIVACY_OFFICER);
        Page page = officer.get("/audit?patientId=abc&user=%3Cscript%3E&from=2020-02-31&to=someday&page=-1");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Patient: choose the patient from the list", "User: a username", "From: not a valid date",
                "To: not a valid date", "Page: a number").doesNotContain("<script>", "Exception");
        assertThat(officer.get("/audit?from=2024-05-02&to=2024-05-01").body()).contains("From must be on or before To.");
    }

    @Test
    void verifyChainIsOfferedToThoseWithAuditVerifyAndReportsTheResult() {
        WebSession auditor = as(Role.AUDITOR);
        Page page = auditor.get("/audit");
        assertThat(page.body()).contains("data-testid=\"verify-button\"");
        Page answer = auditor.post("/audit/verify");
        assertThat(answer.status()).isEqualTo(302);
        assertThat(auditor.get("/audit").body()).contains("The chain is intact.");

        // Verifying from a filtered view comes back to the same filters.
        Page filtered = auditor.post("/audit/verify", "patientId", "", "user", "someone", "from", "2026-01-01", "to", "2026-01-31");
        assertThat(filtered.status()).isEqualTo(302);
        assertThat(filtered.location()).contains("user=someone", "from=2026-01-01", "to=2026-01-31");
        Page back = auditor.get(filtered.redirectPath());
        assertThat(back.body()).contains("The chain is intact.", "value=\"someone\"", "value=\"2026-01-01\"");

        WebSession coder = as(Role.CODER);
        assertThat(coder.get("/audit").status()).isEqualTo(403);
        coder.get("/");
        assertThat(coder.post("/audit/verify").status()).isEqualTo(403);
    }
}
