package org.custodian.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Minimum necessary (45 CFR 164.502(b); issue 22): a 42 CFR Part 2 substance-use-disorder record (tagged on its
 * encounter) is left out of the chart and refused one by one (403, audited) for every role with chart:read but
 * not chart:read-sensitive — coder, CDI, HIM analyst, data integrity analyst — while the roles that treat,
 * release or oversee see it. A psychotherapy note (45 CFR 164.501, kept separate) is used only by its
 * originator (164.508(a)(2)(i)(A)): its author reads it; every other reader is refused, chart:read-sensitive or not.
 */
@CustodianTest
class SensitiveRecordsIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired SensitivityTags tags;
    @Autowired JdbcClient jdbc;

    @Test
    void part2RecordsAndPsychotherapyNotesAreShownOnlyToRolesThatNeedThem() {
        long[] ids = new long[4];
        long therapist = accounts.clinicianPractitioner(); // the test clinician, the note's originator
        String author = accounts.of(Role.CLINICIAN);
        accounts.runAs(Role.CLINICIAN, () -> {
            Patient patient = patients.register(TestPatients.newPatient("Sena", TestPatients.uniqueName("Part"), LocalDate.of(1970, 2, 3)));
            ids[0] = patient.id();
            Instant admit = Instant.parse("2025-04-01T10:00:00Z");
            long medicine = charts.record(new NewEncounter(patient.id(), null, EncounterClass.INPATIENT, admit,
                    admit.plus(2, ChronoUnit.DAYS), "Dr. Ames", "Medicine", null)).id();
            long detox = charts.record(new NewEncounter(patient.id(), null, EncounterClass.INPATIENT, admit.plus(3, ChronoUnit.DAYS),
                    admit.plus(5, ChronoUnit.DAYS), "Dr. Bell", "Addiction medicine", null)).id();
            ids[1] = file(patient.id(), medicine, "Discharge summary", admit.plus(2, ChronoUnit.DAYS));
            ids[2] = file(patient.id(), detox, "Withdrawal management note", admit.plus(4, ChronoUnit.DAYS));
            Instant session = admit.plus(1, ChronoUnit.DAYS);
            ids[3] = charts.file(new NewDocument(patient.id(), medicine, DocumentType.PROGRESS_NOTE, "Psychotherapy session",
                    StaffAccounts.CLINICIAN_NAME, "Text of Psychotherapy session", DocumentStatus.SIGNED, session,
                    StaffAccounts.CLINICIAN_NAME, session.plus(1, ChronoUnit.HOURS), therapist, null)).id();
            tags.tagEncounter(detox, Sensitivity.SUBSTANCE_USE_DISORDER);
            tags.tagDocument(ids[3], Sensitivity.PSYCHOTHERAPY_NOTES);
        });

        for (Role role : Role.values()) {
            if (!role.grants(Permission.CHART_READ)) {
                continue;
            }
            String user = role == Role.ADMIN ? "admin" : accounts.of(role);
            boolean sensitive = role.grants(Permission.CHART_READ_SENSITIVE);
            boolean originator = user.equals(author);
            assertReads(user, role.name(), ids, sensitive, originator);
        }
        // Another clinician, who treats and holds chart:read-sensitive, is not the note's originator.
        String colleague = accounts.other(Role.CLINICIAN, "colleague");
        assertReads(colleague, "another clinician", ids, true, false);
        assertThat(jdbc.sql("select count(*) from audit_event where resource_type = 'DocumentReference' and resource_id = ?"
                        + " and outcome = 'DENIED' and username = ? and detail like '%164.508(a)(2)%originator%'")
                .params(Long.toString(ids[3]), colleague).query(Long.class).single()).as("the colleague's refusal audited").isPositive();
        assertThat(Role.ADMIN.grants(Permission.CHART_READ_SENSITIVE)).isFalse();
        assertThat(Role.CODER.grants(Permission.CHART_READ_SENSITIVE)).isFalse();
        assertThat(Role.CDI_SPECIALIST.grants(Permission.CHART_READ_SENSITIVE)).isFalse();
        assertThat(jdbc.sql("select count(*) from audit_event where resource_type = 'DocumentReference' and resource_id = ?"
                        + " and outcome = 'DENIED' and detail like '%164.508%'")
                .param(Long.toString(ids[3])).query(Long.class).single()).as("each refusal audited").isPositive();
    }

    private void assertReads(String user, String who, long[] ids, boolean sensitive, boolean originator) {
        Api.Response chart = api.as(user, "GET", "/api/patients/" + ids[0], null);
        assertThat(chart.status()).as(who).isEqualTo(200);
        List<Long> shown = new ArrayList<>();
        for (JsonNode d : chart.json().path("documents")) {
            shown.add(d.path("id").asLong());
        }
        assertThat(shown).as(who + ": the ordinary document").contains(ids[1]);
        assertThat(shown.contains(ids[2])).as(who + ": the Part 2 record shown").isEqualTo(sensitive);
        assertThat(shown.contains(ids[3])).as(who + ": the psychotherapy note shown").isEqualTo(originator);
        assertThat(api.as(user, "GET", "/api/documents/" + ids[1], null).status()).as(who).isEqualTo(200);
        Api.Response fhir = api.as(user, "GET", "/fhir/r4/DocumentReference?patient=Patient/" + ids[0], null);
        assertThat(fhir.status()).as(who + " FHIR search").isEqualTo(200);
        assertThat(fhir.body()).as(who + " FHIR search").contains("Discharge summary");
        assertThat(fhir.body().contains("Withdrawal management note")).as(who + " FHIR search, Part 2").isEqualTo(sensitive);
        assertThat(fhir.body().contains("Psychotherapy session")).as(who + " FHIR search, psychotherapy").isEqualTo(originator);
        boolean[] allowed = {false, false, sensitive, originator};
        for (int i = 2; i <= 3; i++) {
            Api.Response one = api.as(user, "GET", "/api/documents/" + ids[i], null);
            assertThat(one.status()).as(who + " document " + i).isEqualTo(allowed[i] ? 200 : 403);
            assertThat(one.body().contains("Text of")).as(who + " document " + i).isEqualTo(allowed[i]);
        }
    }

    private long file(long patientId, long encounterId, String title, Instant at) {
        return charts.file(new NewDocument(patientId, encounterId, DocumentType.PROGRESS_NOTE, title, "Dr. Ames",
                "Text of " + title, DocumentStatus.SIGNED, at, "Dr. Ames", at.plus(1, ChronoUnit.HOURS))).id();
    }
}
