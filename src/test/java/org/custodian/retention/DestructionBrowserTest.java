package org.custodian.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import org.custodian.chart.ChartService;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewDocument;
import org.custodian.chart.NewEncounter;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.Browser;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Headless Chromium through a destruction: the HIM director proposes an old record from the
 * worklist, the privacy officer approves, an administrator gives the second approval; the record
 * is destroyed, the certificate is offered, and the document shows its tombstone.
 */
@CustodianTest
@Tag("browser")
class DestructionBrowserTest {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;

    private Browser browser;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        browser = Browser.start(api.baseUrl());
        driver = browser.driver();
        wait = browser.waiter();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void proposeApproveTwiceAndTheRecordIsDestroyedUnderACertificate() {
        String director = accounts.of(Role.HIM_DIRECTOR);
        String officer = accounts.of(Role.PRIVACY_OFFICER);
        String admin = accounts.of(Role.ADMIN);
        String jurisdiction = "US-B" + ThreadLocalRandom.current().nextInt(1_000_000);
        assertThat(api.as(director, "PUT", "/api/retention/schedules", """
                {"jurisdiction":"%s","recordType":"*","retainYears":10,"authority":"Browser test rule"}""".formatted(jurisdiction))
                .status()).isEqualTo(200);
        Patient patient = patients.register(TestPatients.newPatient("Olden", TestPatients.uniqueName("Shred"), LocalDate.of(1920, 3, 3)));
        // 1961: older than anything else the tests create, so it heads the worklist.
        long encounterId = charts.record(new NewEncounter(patient.id(), null, EncounterClass.INPATIENT,
                Instant.parse("1961-04-01T08:00:00Z"), Instant.parse("1961-04-09T08:00:00Z"), "Dr. Old", "Medicine", null)).id();
        long documentId = charts.file(new NewDocument(patient.id(), encounterId, DocumentType.DISCHARGE_SUMMARY, null, "Dr. Old",
                "Recovered from pneumonia.", DocumentStatus.SIGNED, Instant.parse("1961-04-09T09:00:00Z"), "dr.old",
                Instant.parse("1961-04-09T10:00:00Z"))).id();

        browser.signIn(director);
        driver.findElement(By.partialLinkText("Destruction worklist")).click();
        wait.until(ExpectedConditions.titleContains("Destruction worklist"));
        driver.findElement(By.name("jurisdiction")).clear();
        driver.findElement(By.name("jurisdiction")).sendKeys(jurisdiction);
        driver.findElement(By.xpath("//button[normalize-space()='Show']")).click();
        wait.until(ExpectedConditions.urlContains("jurisdiction=" + jurisdiction));
        assertThat(driver.findElement(By.cssSelector("[data-testid=schedules]")).getText()).contains("10 years", "Browser test rule");
        driver.findElement(By.cssSelector("[data-testid=pick-" + encounterId + "]")).click();
        driver.findElement(By.cssSelector("[data-testid=propose-button]")).click();
        wait.until(ExpectedConditions.titleContains("Destruction "));
        assertThat(driver.findElement(By.cssSelector("[data-testid=destruction-status]")).getText()).isEqualTo("PROPOSED");
        assertThat(driver.findElement(By.cssSelector("[data-testid=destruction-items]")).getText()).contains(patient.mrn());
        assertThat(driver.findElements(By.cssSelector("[data-testid=approve-button]"))).as("the proposer may not approve").isEmpty();
        String page = driver.getCurrentUrl();
        browser.signOut();

        browser.signIn(officer);
        driver.get(page);
        approve();
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("One more approval");
        assertThat(driver.findElements(By.cssSelector("[data-testid=approve-button]"))).as("approved once already").isEmpty();
        browser.signOut();

        browser.signIn(admin);
        driver.findElement(By.linkText("Retention")).click();
        wait.until(ExpectedConditions.titleContains("Destructions"));
        driver.get(page);
        approve();
        String status = driver.findElement(By.cssSelector("[data-testid=destruction-status]")).getText();
        assertThat(status).startsWith("DESTROYED under certificate COD-");
        assertThat(driver.findElement(By.cssSelector("[data-testid=certificate-link]")).getAttribute("href")).endsWith("/certificate.pdf");

        driver.get(api.baseUrl() + "/documents/" + documentId);
        assertThat(driver.findElement(By.cssSelector("[data-testid=document-text]")).getText())
                .contains("Destroyed under certificate of destruction " + status.substring(status.indexOf("COD-")))
                .doesNotContain("pneumonia");
    }

    private void approve() {
        driver.findElement(By.cssSelector("[data-testid=approve-button]")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept(); // the data-confirm question
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=status]")));
    }
}
