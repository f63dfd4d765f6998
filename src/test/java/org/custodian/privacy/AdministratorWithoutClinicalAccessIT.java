package org.custodian.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.custodian.chart.ChartService;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.NewDocument;
import org.custodian.patient.PatientRegistry;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The administrator manages staff and configuration but reads no chart and signs nothing (issue 22, minimum
 * necessary, 45 CFR 164.502(b) and 164.514(d)(2); authentication by the author only, 42 CFR 482.24(c)(1)):
 * the built-in {@code admin} is refused the chart, a document, a FHIR search, a bulk export, filing and signing,
 * while staff work still goes through. A refusal is a 403, never a 200 with an empty list.
 */
@CustodianTest
class AdministratorWithoutClinicalAccessIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;

    @Test
    void adminIsRefusedChartsDocumentsExportAndSigningButManagesStaff() {
        long[] ids = new long[2];
        accounts.runAs(Role.CLINICIAN, () -> {
            ids[0] = patients.register(TestPatients.newPatient("Ada", TestPatients.uniqueName("Admin"), LocalDate.of(1966, 3, 4))).id();
            Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
            ids[1] = charts.file(new NewDocument(ids[0], null, DocumentType.PROGRESS_NOTE, "Clinic note", StaffAccounts.CLINICIAN_NAME,
                    "Text of the clinic note", DocumentStatus.DRAFT, at, null, null, accounts.clinicianPractitioner(), null)).id();
        });
        String[][] refused = {
                {"GET", "/api/patients?q=Ada"},
                {"GET", "/api/patients/" + ids[0]},
                {"GET", "/api/documents/" + ids[1]},
                {"POST", "/api/documents/" + ids[1] + "/signature"},
                {"GET", "/fhir/r4/Patient?name=Ada"},
                {"GET", "/fhir/r4/DocumentReference/" + ids[1]},
                {"GET", "/fhir/r4/Patient/$export?_type=Patient"},
                {"GET", "/fhir/r4/$export?_type=Patient"},
        };
        for (String[] call : refused) {
            Api.Response r = api.as("admin", call[0], call[1], null);
            assertThat(r.status()).as(call[0] + " " + call[1] + " " + r.body()).isEqualTo(403);
            assertThat(r.body()).doesNotContain("Text of the clinic note");
        }
        assertThat(api.as("admin", "POST", "/api/patients", """
                {"givenName":"Ada","familyName":"Nobody","birthDate":"1966-03-04","sex":"F"}""").status()).isEqualTo(403);
        assertThat(api.as("admin", "GET", "/api/staff", null).status()).isEqualTo(200);
        for (Permission clinical : new Permission[] {Permission.CHART_READ, Permission.CHART_READ_SENSITIVE, Permission.CHART_WRITE,
                Permission.DOCUMENT_SIGN, Permission.FHIR_EXPORT, Permission.DISCLOSURE_MANAGE, Permission.INTERFACE_MANAGE,
                Permission.CDI_REVIEW}) {
            assertThat(Role.ADMIN.grants(clinical)).as(clinical.authority()).isFalse();
        }
    }
}
