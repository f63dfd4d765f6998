package org.custodian.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.RawHttp;
import org.custodian.support.StaffAccounts;
import org.custodian.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 22, finding 8: what was shown to whom it should not be. The Host header flowed into
 * $export URLs, health details (disk paths) reached any signed-in user, and the API description
 * was readable anonymously. Minimum necessary, 45 CFR 164.502(b); 164.312(a)(1).
 */
@CustodianTest
class ExposureIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;

    @Test
    void exportLinksDoNotFollowAForgedHostHeader() {
        RawHttp.Response r = new RawHttp(api).send("127.0.0.1", "GET", "/fhir/r4/Patient/$export?_type=Patient",
                "Host: evil.example", RawHttp.basic(accounts.of(Role.HIM_DIRECTOR), StaffAccounts.PASSWORD), "Accept: application/fhir+json",
                "Prefer: respond-async");
        assertThat(String.valueOf(r.header("Content-Location"))).doesNotContain("evil.example");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("Host");
        // With the right host the export starts as before.
        assertThat(api.as(accounts.of(Role.HIM_DIRECTOR), "GET", "/fhir/r4/Patient/$export?_type=Patient", null).headers()
                .firstValue("Content-Location").orElseThrow()).startsWith(api.baseUrl() + "/fhir/r4/$export-status/");
    }

    @Test
    void healthDetailsAreForAdministratorsOnly() {
        Api.Response coder = api.as(accounts.of(Role.CODER), "GET", "/actuator/health", null);
        assertThat(coder.status()).isEqualTo(200);
        assertThat(coder.body()).contains("UP").doesNotContain("diskSpace", "components", "path");
        assertThat(api.get("/actuator/health").body()).doesNotContain("diskSpace");
        assertThat(api.as("admin", "GET", "/actuator/health", null).body()).contains("diskSpace");
    }

    @Test
    void theApiDescriptionNeedsASignedInUser() {
        assertThat(api.get("/v3/api-docs").status()).isIn(302, 401);
        assertThat(api.get("/swagger-ui/index.html").status()).isIn(302, 401);
        WebSession admin = new WebSession(api.baseUrl());
        admin.login("admin", StaffAccounts.ADMIN_PASSWORD);
        assertThat(admin.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
