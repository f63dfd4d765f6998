package org.custodian.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditQuery;
import org.custodian.audit.AuditRecord;
import org.custodian.privacy.Role;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.StaffDirectory;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.WebSession;
import org.custodian.support.WebSession.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The UI's doors: sign-in, CSRF, redirects, refusals by permission, error pages. */
@CustodianTest
class UiSecurityIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired StaffDirectory staff;
    @Autowired AuditLog auditLog;

    private WebSession browser() {
        return new WebSession(api.baseUrl());
    }

    private WebSession signedIn(Role role) {
        WebSession web = browser();
        Page answer = web.login(accounts.of(role), StaffAccounts.PASSWORD);
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.redirectPath()).isEqualTo("/");
        return web;
    }

    @Test
    void loginPageRendersAFormWithACsrfToken() {
        Page login = browser().get("/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("<form method=\"post\" action=\"/login\"", "name=\"username\"",
                "name=\"password\"", "name=\"_csrf\"");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
        assertThat(login.body()).doesNotContain("<script>", "style=\"");
    }

    @Test
    void anUnauthenticatedPageRequestGoesToTheLoginPage() {
        for (String path : new String[] {"/", "/patients", "/patients/1", "/audit", "/admin/staff"}) {
            Page page = browser().get(path);
            assertThat(page.status()).as(path).isEqualTo(302);
            assertThat(page.redirectPath()).as(path).isEqualTo("/login");
        }
    }

    /** A page asked for before sign-in is where the sign-in leads; a fragment a page's script fetched is not. */
    @Test
    void signInLeadsToTheAskedPageButNeverToAFragment() {
        WebSession pageFirst = browser();
        assertThat(pageFirst.get("/patients").redirectPath()).isEqualTo("/login");
        assertThat(pageFirst.login(accounts.of(Role.CLINICIAN), StaffAccounts.PASSWORD).redirectPath()).matches("/patients(\\?continue)?");

        WebSession fragmentFirst = browser();
        Page fragment = fragmentFirst.htmx("/analytics/home");
        assertThat(fragment.status()).isEqualTo(302);
        assertThat(fragment.redirectPath()).isEqualTo("/login");
        assertThat(fragmentFirst.login(accounts.of(Role.HIM_ANALYST), StaffAccounts.PASSWORD).redirectPath()).isEqualTo("/");
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() {
        WebSession admin = browser();
        admin.login("admin", StaffAccounts.ADMIN_PASSWORD);
        admin.get("/admin/staff");
        String username = accounts.of(Role.CODER);
        assertThat(admin.postWithoutCsrf("/admin/staff/" + username + "/unlock").status()).isEqualTo(403);
        assertThat(admin.postWithoutCsrf("/logout").status()).isEqualTo(403);
        // The login form too: no token, no sign-in (without a session it reads as an expired one).
        WebSession noToken = browser();
        noToken.get("/login");
        assertThat(noToken.postWithoutCsrf("/login", "username", "admin", "password", StaffAccounts.ADMIN_PASSWORD)
                .status()).isEqualTo(403);
        assertThat(noToken.get("/").redirectPath()).isEqualTo("/login");
        assertThat(browser().postWithoutCsrf("/login", "username", "admin", "password", StaffAccounts.ADMIN_PASSWORD)
                .redirectPath()).isEqualTo("/login?expired");
        // With the token the same unlock goes through.
        assertThat(admin.post("/admin/staff/" + username + "/unlock").status()).isEqualTo(302);
    }

    @Test
    void aRoleWithoutChartReadIsRefusedThePatientPagesAndTheRefusalIsAudited() {
        WebSession auditor = signedIn(Role.AUDITOR);
        long before = auditLog.count(new AuditQuery(null, accounts.of(Role.AUDITOR), null, null, 0, 1));
        Page page = auditor.get("/patients?q=smith");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("You do not have access to this page", "Error 403")
                .doesNotContain("Exception", "at org.", "AccessDenied");
        assertThat(auditor.get("/patients/1").status()).isEqualTo(403);
        assertThat(auditor.htmx("/patients/results?q=smith").status()).isEqualTo(403);
        var events = auditLog.find(new AuditQuery(null, accounts.of(Role.AUDITOR), null, null, 0, 3));
        assertThat(auditLog.count(new AuditQuery(null, accounts.of(Role.AUDITOR), null, null, 0, 1))).isGreaterThan(before);
        assertThat(events).extracting(AuditRecord::action).contains("ACCESS_DENIED");
        assertThat(events).extracting(AuditRecord::resourceId).contains("GET /patients");
    }

    @Test
    void theStaffAdminPageRefusesNonAdministrators() {
        for (Role role : new Role[] {Role.CODER, Role.PRIVACY_OFFICER, Role.HIM_DIRECTOR, Role.CLINICIAN}) {
            WebSession web = signedIn(role);
            assertThat(web.get("/admin/staff").status()).as(role.name()).isEqualTo(403);
            assertThat(web.get("/admin/staff/new").status()).as(role.name()).isEqualTo(403);
            assertThat(web.post("/admin/staff", "username", "x" + role.ordinal(), "fullName", "X",
                    "password", "long-enough-pass", "confirm", "long-enough-pass", "roles", "ADMIN").status())
                    .as(role.name()).isEqualTo(403);
        }
        assertThat(staff.find("x0")).isEmpty();
    }

    @Test
    void navigationShowsOnlyWhatThePermissionsOpen() {
        Page coderHome = signedIn(Role.CODER).get("/");
        assertThat(coderHome.status()).isEqualTo(200);
        assertThat(coderHome.body()).contains("href=\"/patients\"", "Coder").doesNotContain("href=\"/audit\"", "href=\"/admin/staff\"");

        Page auditorHome = signedIn(Role.AUDITOR).get("/");
        assertThat(auditorHome.body()).contains("href=\"/audit\"").doesNotContain("href=\"/patients\"", "href=\"/admin/staff\"");

        WebSession admin = browser();
        admin.login("admin", StaffAccounts.ADMIN_PASSWORD);
        Page adminHome = admin.get("/");
        // The administrator manages staff and reads no chart (issue 22): no Patients entry.
        assertThat(adminHome.body()).contains("href=\"/audit\"", "href=\"/admin/staff\"",
                "action=\"/logout\"", "data-testid=\"username\">admin<").doesNotContain("href=\"/patients\"");
    }

    @Test
    void theLoginPageExplainsBadCredentialsLockoutSignOutAndExpiry() {
        String username = "ui-lock-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(username, "Lockout Test", StaffAccounts.PASSWORD, Set.of(Role.CODER)));

        WebSession web = browser();
        Page failed = web.login(username, "wrong-password-1");
        assertThat(failed.redirectPath()).isEqualTo("/login?error");
        assertThat(web.get("/login?error").body()).contains("Sign-in failed.");
        // An unknown user reads exactly the same.
        web.login("nobody-" + UUID.randomUUID().toString().substring(0, 8), "wrong-password-1");
        assertThat(web.get("/login?error").body()).contains("Sign-in failed.");

        for (int i = 2; i <= 5; i++) {
            web.login(username, "wrong-password-" + i);
        }
        // Throttled from this address now: even the right password is refused, with the same message,
        // which names no account state (issue 22, finding 3).
        assertThat(web.login(username, StaffAccounts.PASSWORD).redirectPath()).isEqualTo("/login?error");
        assertThat(web.get("/login?error").body()).contains("Sign-in failed.").doesNotContain("locked");
        staff.unlock(username);

        WebSession coder = signedIn(Role.CODER);
        coder.get("/");
        Page out = coder.post("/logout");
        assertThat(out.redirectPath()).isEqualTo("/login?logout");
        assertThat(coder.get("/login?logout").body()).contains("You have signed out.");
        assertThat(coder.get("/patients").redirectPath()).isEqualTo("/login");

        assertThat(browser().get("/login?expired").body()).contains("Your session ended after 15 minutes without activity");
    }

    @Test
    void aRequestOnAnEndedSessionLeadsToTheExpiredMessage() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        // A session id the server no longer knows: a page, and a form whose token died with the session.
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/patients"))
                .header("Cookie", "JSESSIONID=0123456789ABCDEF0123456789ABCDEF").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/documents/1/sign"))
                .header("Cookie", "JSESSIONID=0123456789ABCDEF0123456789ABCDEF")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=stale-token")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(form.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
    }

    @Test
    void errorPagesAreReadableAndRevealNothing() {
        WebSession admin = signedIn(Role.HIM_DIRECTOR); // a chart reader (the administrator reads no chart)
        Page notANumber = admin.get("/patients/not-a-number");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.body()).contains("This request could not be understood");
        Page missing = admin.get("/patients/987654321");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("Not found");
        Page missingDocument = admin.get("/documents/987654321");
        assertThat(missingDocument.status()).isEqualTo(404);
        Page noSuchPage = admin.get("/no/such/page");
        assertThat(noSuchPage.status()).isEqualTo(404);
        for (Page p : new Page[] {notANumber, missing, missingDocument, noSuchPage}) {
            assertThat(p.body()).contains("<h1>", "Custodian").doesNotContain("Exception", "at org.", "SQL", "select ");
        }
    }
}
