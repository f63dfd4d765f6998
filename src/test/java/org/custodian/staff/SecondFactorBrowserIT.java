package org.custodian.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditQuery;
import org.custodian.audit.AuditRecord;
import org.custodian.privacy.Role;
import org.custodian.staff.internal.Totp;
import org.custodian.support.Browser;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The TOTP second factor in a browser (HIPAA 45 CFR 164.312(d), person authentication; issue 22): a
 * user enrols an authenticator from the QR code's key, signs in with the password and then a code
 * computed here from that key as an app would, and with a recovery code once; a wrong code is refused
 * and audited; an administrator's reset makes the account enrol again before it can open anything.
 */
@CustodianTest
class SecondFactorBrowserIT {

    @RegisterExtension
    final Browser browser = Browser.eachTest();

    @Autowired StaffDirectory staff;
    @Autowired AuditLog audit;
    @Autowired Clock clock;

    @Test
    void enrolThenSignInWithAGeneratedCodeARecoveryCodeOnceAndAfterAnAdministratorsResetEnrolAgain() {
        String username = "tfa-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(username, "Second Factor Test", StaffAccounts.PASSWORD, Set.of(Role.CODER)));

        // Enrol from one's own page: the QR code and the key it holds.
        browser.signIn(username);
        browser.find(By.cssSelector("[data-testid=second-factor-link]")).click();
        browser.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=enrol-link]")));
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=enrol-link]")));
        String secret = browser.find(By.cssSelector("[data-testid=totp-secret]")).getText().replace(" ", "");
        assertThat(secret).matches("[A-Z2-7]{32}");
        WebElement qr = browser.find(By.cssSelector("[data-testid=totp-qr]"));
        assertThat(((Number) ((JavascriptExecutor) browser.driver()).executeScript(
                "return arguments[0].complete ? arguments[0].naturalWidth : 0", qr)).intValue()).as("the QR code shows").isPositive();

        submit("enrol-code", Totp.code(secret, clock.instant().plusSeconds(300)));
        assertThat(browser.find(By.cssSelector("[data-testid=enrol-message]")).getText()).contains("not right");

        long enrolStep = Totp.step(clock.instant());
        submit("enrol-code", Totp.code(secret, Instant.ofEpochSecond(enrolStep * Totp.STEP_SECONDS)));
        assertThat(browser.find(By.cssSelector("[data-testid=enrolled]")).getText()).contains("authenticator is on");
        List<String> recovery = browser.findAll(By.cssSelector("[data-testid=recovery-codes] li")).stream().map(WebElement::getText).toList();
        assertThat(recovery).hasSize(10).allMatch(c -> c.matches("[a-z2-7]{5}-[a-z2-7]{5}"));
        browser.signOut();

        // Password, then the code: nothing opens before the code.
        password(username);
        assertThat(browser.currentUrl()).endsWith("/login/second-factor");
        browser.open("/patients");
        assertThat(browser.currentUrl()).as("a half sign-in opens nothing else").endsWith("/login/second-factor");
        browser.open("/v3/api-docs");
        assertThat(browser.driver().getPageSource()).as("nor the API's description").doesNotContain("\"openapi\"");
        browser.open("/login/second-factor");
        submit("second-factor-code", "12345x");
        assertThat(browser.find(By.cssSelector("[data-testid=login-message]")).getText()).contains("not right");
        // The enrolment used its code's time step; the app's next code (RFC 6238 allows one step of drift) signs in.
        long next = Math.max(Totp.step(clock.instant()), enrolStep + 1);
        submit("second-factor-code", Totp.code(secret, Instant.ofEpochSecond(next * Totp.STEP_SECONDS)));
        browser.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=username]"), username));
        browser.signOut();

        // A recovery code signs in once.
        password(username);
        submit("second-factor-code", recovery.get(3));
        browser.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=username]"), username));
        browser.signOut();
        password(username);
        submit("second-factor-code", recovery.get(3));
        assertThat(browser.find(By.cssSelector("[data-testid=login-message]")).getText()).contains("not right");
        browser.clickAndAwaitNewPage(browser.find(By.xpath("//button[normalize-space()='Cancel and sign out']")));

        // The administrator resets it (lost phone): the account enrols again at its next sign-in.
        browser.signIn("admin", StaffAccounts.ADMIN_PASSWORD);
        browser.open("/admin/staff/" + username);
        assertThat(browser.find(By.cssSelector("[data-testid=second-factor]")).getText()).contains("9 recovery codes left");
        ((JavascriptExecutor) browser.driver()).executeScript("window.confirm = function () { return true; };");
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=second-factor-reset]")));
        assertThat(browser.find(By.cssSelector("[data-testid=second-factor]")).getText()).contains("next sign-in");
        browser.signOut();

        password(username);
        assertThat(browser.currentUrl()).endsWith("/login/second-factor/enrol");
        browser.open("/");
        assertThat(browser.currentUrl()).endsWith("/login/second-factor/enrol");
        String newSecret = browser.find(By.cssSelector("[data-testid=totp-secret]")).getText().replace(" ", "");
        assertThat(newSecret).isNotEqualTo(secret);
        submit("enrol-code", Totp.code(newSecret, clock.instant()));
        assertThat(browser.findAll(By.cssSelector("[data-testid=recovery-codes] li"))).hasSize(10);
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=continue]")));
        assertThat(browser.find(By.cssSelector("[data-testid=username]")).getText()).isEqualTo(username);
        assertThat(browser.cspViolations()).isEmpty();

        List<AuditRecord> events = audit.find(new AuditQuery(null, username, null, null, 0, 100));
        assertThat(events).filteredOn(e -> e.action().equals("LOGIN_FAILED"))
                .extracting(AuditRecord::detail).contains("SecondFactor enrolment", "SecondFactor");
        assertThat(events).filteredOn(e -> e.action().equals("LOGIN")).extracting(AuditRecord::detail)
                .contains("second factor: authenticator code", "second factor: recovery code",
                        "password right; second factor pending", "second factor: authenticator enrolled");
        assertThat(audit.find(new AuditQuery(null, "admin", null, null, 0, 200)))
                .anySatisfy(e -> {
                    assertThat(e.resourceType()).isEqualTo("StaffSecondFactor");
                    assertThat(e.resourceId()).isEqualTo(username);
                    assertThat(e.detail()).contains("reset");
                });
    }

    private void password(String username) {
        browser.open("/login");
        browser.find(By.name("username")).sendKeys(username);
        browser.find(By.name("password")).sendKeys(StaffAccounts.PASSWORD);
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("form[action='/login'] button[type=submit]")));
    }

    private void submit(String field, String code) {
        WebElement input = browser.find(By.cssSelector("[data-testid=" + field + "]"));
        input.clear();
        input.sendKeys(code);
        browser.clickAndAwaitNewPage(input.findElement(By.xpath("./ancestor::form//button[@type='submit']")));
    }
}
