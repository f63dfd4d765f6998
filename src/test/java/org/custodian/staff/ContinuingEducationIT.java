package org.custodian.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Credentials and CE through the API and pages, as a coder and as the HIM director would use them. */
@CustodianTest
class ContinuingEducationIT {

    static final String HIIM = "Revenue Cycle Management";

    @Autowired Api api;
    @Autowired StaffDirectory staff;
    @Autowired ContinuingEducation education;

    private String newCoder() {
        String username = "ce-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(username, "Casey Coder", StaffAccounts.PASSWORD, Set.of(Role.CODER)));
        return username;
    }

    private Api.Response as(String user, String method, String path, String json) {
        return api.request(user, StaffAccounts.PASSWORD, method, path, json);
    }

    private static String activity(LocalDate on, String ceus, String domain, String certificateJson) {
        return """
                {"activity":{"completedOn":"%s","title":"Coding Clinic update","provider":"AHIMA","ceus":%s,"domain":"%s"}%s}"""
                .formatted(on, ceus, domain, certificateJson == null ? "" : ",\"certificate\":" + certificateJson);
    }

    private static String certificate(String name, String type, byte[] content) {
        return "{\"fileName\":\"%s\",\"contentType\":\"%s\",\"base64\":\"%s\"}"
                .formatted(name, type, Base64.getEncoder().encodeToString(content));
    }

    @Test
    void aCoderDueInThreeWeeksAndShortShowsOnTheDirectorsTeamView() {
        String coder = newCoder();
        LocalDate today = org.custodian.support.HospitalToday.date();
        LocalDate exam = today.minusYears(2).plusDays(21);
        assertThat(as(coder, "PUT", "/api/credentials/mine/CCS", "{\"number\":\"CCS-1234\",\"earnedOn\":\"" + exam + "\"}").status())
                .isEqualTo(200);
        assertThat(as(coder, "POST", "/api/credentials/mine/activities", activity(today.minusDays(40), "12", HIIM, null)).status())
                .isEqualTo(201);

        JsonNode progress = as(coder, "GET", "/api/credentials/mine", null).json().get("progress").get(0);
        assertThat(progress.get("code").asString()).isEqualTo("CCS");
        assertThat(progress.get("required").decimalValue()).isEqualByComparingTo("20");
        assertThat(progress.get("earned").decimalValue()).isEqualByComparingTo("12");
        assertThat(progress.get("status").asString()).isEqualTo("DUE_IN_30_DAYS");

        String director = "dir-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(director, "Dana Director", StaffAccounts.PASSWORD, Set.of(Role.HIM_DIRECTOR)));
        JsonNode team = as(director, "GET", "/api/credentials/team", null).json();
        JsonNode member = null;
        for (JsonNode m : team) {
            if (m.get("username").asString().equals(coder)) {
                member = m;
            }
        }
        assertThat(member).as("the coder is in the team view").isNotNull();
        assertThat(member.get("credentials").get(0).get("status").asString()).isEqualTo("DUE_IN_30_DAYS");
        assertThat(member.get("unmetJobRequirements")).isEmpty();

        String csv = as(director, "GET", "/api/credentials/export", null).body();
        assertThat(csv.lines().filter(l -> l.startsWith(coder + ",")))
                .singleElement().asString().contains(",CCS,AHIMA,").contains(",DUE_IN_30_DAYS,");

        WebSession page = new WebSession(api.baseUrl());
        page.login(director, StaffAccounts.PASSWORD);
        assertThat(page.get("/credentials/team").body()).contains(coder).contains("DUE IN 30 DAYS");
    }

    @Test
    void aCoderWithoutACodingCredentialDoesNotMeetTheJob() {
        String coder = newCoder();
        TeamMemberStatus status = education.team().stream().filter(t -> t.username().equals(coder)).findFirst().orElseThrow();
        assertThat(status.unmetJobRequirements()).singleElement().asString().contains("CCS");
        assertThat(status.needsAttention()).isTrue();

        education.recordCredential(coder, new NewCredential("CCA", null, org.custodian.support.HospitalToday.date().minusMonths(3), null, null));
        assertThat(education.team().stream().filter(t -> t.username().equals(coder)).findFirst().orElseThrow()
                .unmetJobRequirements()).isEmpty();
    }

    @Test
    void aRealPdfCertificateIsKeptAndADisguisedOneRefusedWithNothingLogged() {
        String coder = newCoder();
        byte[] pdf = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF".getBytes(StandardCharsets.US_ASCII);
        Api.Response ok = as(coder, "POST", "/api/credentials/mine/activities",
                activity(org.custodian.support.HospitalToday.date().minusDays(3), "1.5", HIIM, certificate("../../etc/cert.pdf", "application/pdf", pdf)));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().get("certificateName").asString()).isEqualTo("cert.pdf");

        Api.Response disguised = as(coder, "POST", "/api/credentials/mine/activities", activity(org.custodian.support.HospitalToday.date().minusDays(2), "2", HIIM,
                certificate("cert.pdf", "application/pdf", "<html><script>alert(1)</script></html>".getBytes())));
        assertThat(disguised.status()).isEqualTo(400);
        assertThat(disguised.body()).contains("only PDF, PNG or JPEG");
        Api.Response mislabelled = as(coder, "POST", "/api/credentials/mine/activities", activity(org.custodian.support.HospitalToday.date().minusDays(2), "2", HIIM,
                certificate("cert.png", "image/png", pdf)));
        assertThat(mislabelled.status()).isEqualTo(400);
        assertThat(mislabelled.body()).contains("declared as image/png");
        assertThat(education.activities(coder)).as("refused uploads log nothing").hasSize(1);

        long id = education.activities(coder).get(0).id();
        Api.Response download = as(accounts().of(Role.HIM_DIRECTOR), "GET",
                "/api/credentials/staff/" + coder + "/activities/" + id + "/certificate", null);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).startsWith("%PDF-1.7");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
    }

    @Test
    void theCoderRecordsACredentialAndUploadsACertificateThroughThePage() {
        String coder = newCoder();
        WebSession page = new WebSession(api.baseUrl());
        page.login(coder, StaffAccounts.PASSWORD);
        assertThat(page.get("/credentials").status()).isEqualTo(200);
        assertThat(page.post("/credentials", "code", "CCS", "number", "99", "earnedOn", org.custodian.support.HospitalToday.date().minusMonths(2).toString())
                .redirectPath()).isEqualTo("/credentials");
        page.get("/credentials");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        WebSession.Page upload = page.postMultipart("/credentials/activities", "certificate", "proof.png", "image/png", png,
                "completedOn", org.custodian.support.HospitalToday.date().minusDays(1).toString(), "title", "Outpatient CDI", "ceus", "2.5",
                "domain", HIIM);
        assertThat(upload.redirectPath()).isEqualTo("/credentials");
        String mine = page.get("/credentials").body();
        assertThat(mine).contains("Outpatient CDI").contains("proof.png").contains("2.5 / 20");
        long id = education.activities(coder).get(0).id();
        WebSession.Page download = page.get("/credentials/activities/" + id + "/certificate");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
    }

    @Test
    void anOversizedCertificateIsRefused() {
        String coder = newCoder();
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy("%PDF-".getBytes(), 0, big, 0, 5);
        Api.Response r = as(coder, "POST", "/api/credentials/mine/activities",
                activity(org.custodian.support.HospitalToday.date().minusDays(1), "1", HIIM, certificate("big.pdf", "application/pdf", big)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("over the limit");
    }

    @Test
    void badInputIsNamed() {
        String coder = newCoder();
        Api.Response unknownCredential = as(coder, "PUT", "/api/credentials/mine/XYZ", "{\"earnedOn\":\"2025-01-01\"}");
        assertThat(unknownCredential.status()).isEqualTo(400);
        assertThat(unknownCredential.body()).contains("XYZ");
        Api.Response unknownDomain = as(coder, "POST", "/api/credentials/mine/activities",
                activity(org.custodian.support.HospitalToday.date().minusDays(1), "1", "Basket weaving", null));
        assertThat(unknownDomain.status()).isEqualTo(400);
        assertThat(unknownDomain.body()).contains("domain");
        Api.Response future = as(coder, "POST", "/api/credentials/mine/activities", activity(org.custodian.support.HospitalToday.date().plusDays(5), "1", HIIM, null));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body()).contains("completedOn");
    }

    @Autowired StaffAccounts staffAccounts;

    private StaffAccounts accounts() {
        return staffAccounts;
    }
}
