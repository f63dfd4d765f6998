package org.custodian.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditQuery;
import org.custodian.audit.AuditRecord;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.custodian.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The patient picker finds a patient by name, MRN or date of birth and shows name, MRN and date of
 * birth; its search is the audited patient search, open only to roles that may search patients.
 */
@CustodianTest
class PatientPickerIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired AuditLog auditLog;

    private WebSession as(Role role) {
        WebSession web = new WebSession(api.baseUrl());
        web.login(accounts.of(role), StaffAccounts.PASSWORD);
        return web;
    }

    @Test
    void findsByNameMrnOrBirthDateShowsNameMrnAndDobAndIsAudited() {
        String family = TestPatients.uniqueName("Picker");
        Patient p = patients.register(TestPatients.newPatient("Vera", family, LocalDate.of(1931, 7, 19)));
        WebSession roi = as(Role.ROI_SPECIALIST);

        for (String find : new String[] {family, p.mrn(), "07/19/1931", "1931-07-19"}) {
            WebSession.Page page = roi.htmx("/patients/pick?find=" + java.net.URLEncoder.encode(find, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).as(find).contains("data-pick=\"" + p.id() + "\"", p.displayName(), "MRN " + p.mrn(), "born 07/19/1931");
        }
        assertThat(roi.htmx("/patients/pick?find=x").body()).contains("at least two letters");
        assertThat(roi.htmx("/patients/pick?find=13/45/1931").body()).contains("Not a valid date");

        // The picker's search is a patient search in the audit log, by the user who made it.
        assertThat(auditLog.find(new AuditQuery(null, accounts.of(Role.ROI_SPECIALIST), null, null, 0, 50)))
                .filteredOn(e -> "SEARCH".equals(e.action()) && "Patient".equals(e.resourceType()))
                .extracting(AuditRecord::detail)
                .anySatisfy(d -> assertThat(d).contains("mrn=" + p.mrn()));

        // Roles that may not search patients (an auditor reviews the log without reading charts) are refused.
        assertThat(as(Role.AUDITOR).htmx("/patients/pick?find=" + family).status()).isEqualTo(403);
        assertThat(as(Role.STUDENT).htmx("/patients/pick?find=" + family).status()).isEqualTo(403);
    }
}
