package org.custodian.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditQuery;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.StaffDirectory;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Break-the-glass on a flagged chart (45 CFR 164.312(a)(2)(ii)) and snooping alerts from the audit log
 * (45 CFR 164.308(a)(1)(ii)(D)), through the API and the pages.
 */
@CustodianTest
class PrivacyMonitoringIT {

    @Autowired PatientRegistry patients;
    @Autowired StaffAccounts accounts;
    @Autowired StaffDirectory staff;
    @Autowired AuditLog audit;
    @Autowired Api api;
    @Autowired JdbcClient jdbc;

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    Patient patient(String family, Address address) {
        Patient[] p = new Patient[1];
        accounts.runAs(Role.HIM_DIRECTOR, () -> p[0] = patients.register(new NewPatient(null, null, "Pat", null, family,
                LocalDate.of(1970, 1, 2), AdministrativeSex.F, null, address, null, null)));
        return p[0];
    }

    String user(Role role) {
        String name = "mon-" + unique();
        staff.create(new NewStaffMember(name, "Monitored " + name, StaffAccounts.PASSWORD, Set.of(role)));
        return name;
    }

    Api.Response as(String user, String method, String path, String json) {
        return api.request(user, StaffAccounts.PASSWORD, method, path, json);
    }

    String officer() {
        return accounts.of(Role.PRIVACY_OFFICER);
    }

    long flagVip(long patientId) {
        Api.Response r = as(officer(), "POST", "/api/patients/" + patientId + "/confidentiality-flags",
                "{\"kind\":\"VIP\",\"reason\":\"Local news anchor admitted\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @Test
    void aFlaggedChartIsRefusedWithoutAReasonAndOpensForFourHoursAfterBreakingTheGlass() {
        Patient vip = patient("Anchor-" + unique(), null);
        String clinician = user(Role.CLINICIAN);
        assertThat(as(clinician, "GET", "/api/patients/" + vip.id(), null).status()).isEqualTo(200); // not flagged yet
        flagVip(vip.id());

        Api.Response refused = as(clinician, "GET", "/api/patients/" + vip.id(), null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).isEqualTo("/problems/break-the-glass-required");
        assertThat(refused.json().get("patientId").asLong()).isEqualTo(vip.id());

        Api.Response noReason = as(clinician, "POST", "/api/patients/" + vip.id() + "/break-glass", "{\"purposeOfUse\":\"ETREAT\",\"reason\":\"\"}");
        assertThat(noReason.status()).isEqualTo(400);
        Api.Response badPurpose = as(clinician, "POST", "/api/patients/" + vip.id() + "/break-glass",
                "{\"purposeOfUse\":\"CURIOUS\",\"reason\":\"just looking around here\"}");
        assertThat(badPurpose.status()).isEqualTo(400);

        Api.Response grant = as(clinician, "POST", "/api/patients/" + vip.id() + "/break-glass",
                "{\"purposeOfUse\":\"ETREAT\",\"reason\":\"Unresponsive in the ED, need allergies\"}");
        assertThat(grant.status()).as(grant.body()).isEqualTo(201);
        long grantId = grant.json().get("id").asLong();
        java.time.Instant granted = java.time.Instant.parse(grant.json().get("grantedAt").asText());
        assertThat(java.time.Instant.parse(grant.json().get("expiresAt").asText())).isEqualTo(granted.plusSeconds(4 * 3600));
        assertThat(as(clinician, "GET", "/api/patients/" + vip.id(), null).status()).isEqualTo(200);

        // the emergency-access audit event, with the purpose of use given
        assertThat(audit.find(new AuditQuery(vip.id(), clinician, null, null, 0, 50)))
                .anySatisfy(e -> {
                    assertThat(e.resourceType()).isEqualTo("EmergencyAccess");
                    assertThat(e.purpose()).isEqualTo("ETREAT");
                    assertThat(e.detail()).contains("Unresponsive");
                });

        // the grant expires: four hours later the chart is closed again
        jdbc.sql("update break_glass_grant set granted_at = granted_at - interval '5 hours', expires_at = expires_at - interval '5 hours' where id = ?")
                .param(grantId).update();
        assertThat(as(clinician, "GET", "/api/patients/" + vip.id(), null).status()).isEqualTo(403);

        // the privacy officer's queue has it, with its deadline; the outcome is kept
        JsonNode queue = as(officer(), "GET", "/api/privacy/break-glass", null).json();
        JsonNode item = null;
        for (JsonNode g : queue) {
            if (g.get("id").asLong() == grantId) {
                item = g;
            }
        }
        assertThat(item).isNotNull();
        assertThat(item.get("reviewDue").asText()).isNotBlank();
        assertThat(as(clinician, "POST", "/api/privacy/break-glass/" + grantId + "/review", "{\"outcome\":\"APPROPRIATE\"}").status())
                .isEqualTo(403);
        Api.Response reviewed = as(officer(), "POST", "/api/privacy/break-glass/" + grantId + "/review",
                "{\"outcome\":\"APPROPRIATE\",\"note\":\"ED visit confirmed\"}");
        assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(200);
        assertThat(reviewed.json().get("outcome").asText()).isEqualTo("APPROPRIATE");
        assertThat(as(officer(), "GET", "/api/privacy/break-glass", null).body()).doesNotContain("\"id\":" + grantId + ",");
    }

    @Test
    void aCareRelationshipOpensAFlaggedChartWithoutBreakingTheGlass() {
        Patient vip = patient("Senator-" + unique(), null);
        flagVip(vip.id());
        String officer = officer();
        // a legal hold placed by the user is their reason (the retention module's AccessReasons)
        jdbc.sql("insert into legal_hold (patient_id, matter, reason, placed_by, placed_at) values (?, 'Doe v. Hospital', 'litigation', ?, now())")
                .params(vip.id(), officer).update();
        assertThat(as(officer, "GET", "/api/patients/" + vip.id(), null).status()).isEqualTo(200);
    }

    @Test
    void theChartPageAsksForTheReasonInsteadOfOpening() {
        Patient vip = patient("Mayor-" + unique(), null);
        flagVip(vip.id());
        String clinician = user(Role.CLINICIAN);
        WebSession web = new WebSession(api.baseUrl());
        web.login(clinician, StaffAccounts.PASSWORD);
        WebSession.Page page = web.get("/patients/" + vip.id());
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.redirectPath()).isEqualTo("/patients/" + vip.id() + "/break-glass");
        WebSession.Page ask = web.get("/patients/" + vip.id() + "/break-glass");
        assertThat(ask.body()).contains(vip.familyName()).contains(vip.mrn()).contains("Emergency treatment");
        WebSession.Page opened = web.post("/patients/" + vip.id() + "/break-glass", "purposeOfUse", "ETREAT", "reason",
                "Patient in the ED, need the history");
        assertThat(opened.redirectPath()).isEqualTo("/patients/" + vip.id());
        assertThat(web.get("/patients/" + vip.id()).status()).isEqualTo(200);
    }

    @Test
    void anUnexplainedAccessToARelativeBecomesAnAlertWithItsRulesAndACase() {
        // A letter, not a digit (a name has none): unique()'s eight hex digits are all 0-9 one time in forty.
        String family = "Zabrowski" + (char) ('A' + java.util.concurrent.ThreadLocalRandom.current().nextInt(26)) + "x";
        Patient relative = patient(family, new Address("77 Birch Lane", "Springfield", "IL", "62704"));
        String snooper = user(Role.CLINICIAN);
        Api.Response profile = as(accounts.of(Role.ADMIN), "PUT",
                "/api/staff/" + snooper + "/profile", """
                        {"givenName":"Sam","familyName":"%s","homeAddress":{"line":"77 Birch Ln","city":"Springfield","state":"IL","postalCode":"62704"},
                         "department":"Cardiology","job":"RN","patientMrn":null}""".formatted(family));
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        assertThat(as(snooper, "GET", "/api/patients/" + relative.id(), null).status()).isEqualTo(200);

        assertThat(as(officer(), "POST", "/api/privacy/scan", null).status()).isEqualTo(200);
        JsonNode alerts = as(officer(), "GET", "/api/privacy/alerts?from=" + org.custodian.support.HospitalToday.date().minusDays(1) + "&to=" + org.custodian.support.HospitalToday.date().plusDays(1), null).json();
        JsonNode alert = null;
        for (JsonNode a : alerts) {
            if (a.get("user").asText().equals(snooper)) {
                alert = a;
            }
        }
        assertThat(alert).as(alerts.toString()).isNotNull();
        assertThat(alert.get("patientId").asLong()).isEqualTo(relative.id());
        assertThat(alert.get("mrn").asText()).isEqualTo(relative.mrn());
        assertThat(alert.get("score").asInt()).isGreaterThanOrEqualTo(140);
        assertThat(alert.get("rules").toString()).contains("SAME_FAMILY_NAME").contains("SAME_ADDRESS").contains("contribution");
        assertThat(alert.get("accesses").size()).isGreaterThanOrEqualTo(1);

        long id = alert.get("id").asLong();
        // the worklist page narrowed to the user (the shared log holds thousands): patient name and MRN, rules, the case
        WebSession web = new WebSession(api.baseUrl());
        web.login(officer(), StaffAccounts.PASSWORD);
        assertThat(web.get("/").body()).contains("class=\"shortcut card\" href=\"/privacy/alerts\"")
                .contains("class=\"shortcut card\" href=\"/privacy/break-glass\"");
        String worklist = web.get("/privacy/alerts?user=" + snooper).body();
        assertThat(worklist).contains(relative.familyName()).contains(relative.mrn()).contains("Same family name +")
                .contains("Open alerts: 1<").contains("/privacy/alerts/" + id);
        assertThat(web.get("/privacy/alerts?patientId=" + relative.id()).body()).contains(snooper);
        assertThat(web.get("/privacy/alerts/" + id).body()).contains(relative.mrn()).contains(snooper);
        assertThat(as(officer(), "POST", "/api/privacy/alerts/" + id + "/decision", "{\"decision\":\"INAPPROPRIATE_SANCTION\"}").status())
                .isEqualTo(400); // a finding needs its note
        Api.Response decided = as(officer(), "POST", "/api/privacy/alerts/" + id + "/decision",
                "{\"decision\":\"INAPPROPRIATE_SANCTION\",\"note\":\"Viewed a cousin's record; written warning\"}");
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        JsonNode rules = as(officer(), "GET", "/api/privacy/rules", null).json();
        for (JsonNode r : rules) {
            if (r.get("code").asText().equals("SAME_FAMILY_NAME")) {
                assertThat(r.get("decided").asInt()).isGreaterThanOrEqualTo(1);
                assertThat(r.get("precision").asDouble()).isGreaterThan(0);
            }
        }

        // the patient's access report names the user, with role and reason, as JSON and as a PDF letter
        Api.Response report = as(officer(), "GET", "/api/privacy/access-report?patientId=" + relative.id(), null);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains(snooper).contains("CLINICIAN").contains("no work reason on record")
                .contains("/accounting?patientId=" + relative.id());
        Api.Response pdf = as(officer(), "GET", "/api/privacy/access-report.pdf?patientId=" + relative.id(), null);
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("content-type").orElse("")).contains("application/pdf");
        assertThat(as(snooper, "GET", "/api/privacy/alerts", null).status()).isEqualTo(403);
    }

    @Test
    void theMonitorRaisesASelfAccessAlertWithinAMinuteWithoutBeingAsked() throws Exception {
        Patient self = patient("Selfie" + unique().replaceAll("[0-9]", ""), null);
        String nurse = user(Role.CLINICIAN);
        assertThat(as(accounts.of(Role.ADMIN), "PUT", "/api/staff/" + nurse + "/profile",
                "{\"familyName\":\"Other\",\"department\":\"Oncology\",\"patientMrn\":\"" + self.mrn() + "\"}").status()).isEqualTo(200);
        assertThat(as(nurse, "GET", "/api/patients/" + self.id(), null).status()).isEqualTo(200);
        long deadline = System.nanoTime() + 60_000_000_000L;
        boolean found = false;
        while (!found && System.nanoTime() < deadline) {
            found = as(officer(), "GET", "/api/privacy/alerts", null).body().contains("\"user\":\"" + nurse + "\"");
            if (!found) {
                Thread.sleep(2000);
            }
        }
        assertThat(found).as("an alert on " + nurse + " within a minute, from the scheduled scan alone").isTrue();
        assertThat(as(officer(), "GET", "/api/privacy/alerts", null).body()).contains("SELF_ACCESS");
    }

    @Test
    void theRegistrarsOwnAccessIsExplained() {
        String desk = user(Role.HIM_DIRECTOR);
        Api.Response reg = as(desk, "POST", "/api/patients?confirmNew=true", """
                {"givenName":"Reg","familyName":"Desk%s","birthDate":"1980-01-01","sex":"M"}""".formatted(unique()));
        assertThat(reg.status()).as(reg.body()).isEqualTo(201);
        long id = reg.json().get("id").asLong();
        as(desk, "GET", "/api/patients/" + id, null);
        as(officer(), "POST", "/api/privacy/scan", null);
        assertThat(as(officer(), "GET", "/api/privacy/access-report?patientId=" + id, null).body()).contains("registration");
    }
}
