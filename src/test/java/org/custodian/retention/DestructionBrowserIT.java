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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Headless Chromium through a destruction: the HIM director proposes an old record from the
 * worklist, the privacy officer approves, an administrator gives the second approval; the record
 * is destroyed, the certificate is offered, and the document shows its tombstone.
 */
@CustodianTest
@Tag("browser")
class DestructionBrowserIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;

    @RegisterExtension final Browser browser = Browser.eachTest();

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
        browser.find(By.partialLinkText("Destruction worklist")).click();
        browser.until(ExpectedConditions.titleContains("Destruction worklist"));
        browser.find(By.name("jurisdiction")).clear();
        browser.find(By.name("jurisdiction")).sendKeys(jurisdiction);
        browser.find(By.xpath("//button[normalize-space()='Show']")).click();
        browser.until(ExpectedConditions.urlContains("jurisdiction=" + jurisdiction));
        assertThat(browser.find(By.cssSelector("[data-testid=schedules]")).getText()).contains("10 years", "Browser test rule");
        browser.find(By.cssSelector("[data-testid=pick-" + encounterId + "]")).click();
        browser.find(By.cssSelector("[data-testid=propose-button]")).click();
        browser.until(ExpectedConditions.titleContains("Destruction "));
        assertThat(browser.find(By.cssSelector("[data-testid=destruction-status]")).getText()).isEqualTo("PROPOSED");
        assertThat(browser.find(By.cssSelector("[data-testid=destruction-items]")).getText()).contains(patient.mrn());
        assertThat(browser.findAll(By.cssSelector("[data-testid=approve-button]"))).as("the proposer may not approve").isEmpty();
        String page = browser.currentUrl();
        browser.signOut();

        browser.signIn(officer);
        browser.driver().get(page);
        approve();
        assertThat(browser.find(By.cssSelector("[role=status]")).getText()).contains("One more approval");
        assertThat(browser.findAll(By.cssSelector("[data-testid=approve-button]"))).as("approved once already").isEmpty();
        browser.signOut();

        browser.signIn(admin);
        browser.nav("Retention");
        browser.until(ExpectedConditions.titleContains("Destructions"));
        browser.driver().get(page);
        approve();
        String status = browser.find(By.cssSelector("[data-testid=destruction-status]")).getText();
        assertThat(status).startsWith("DESTROYED under certificate COD-");
        assertThat(browser.find(By.cssSelector("[data-testid=certificate-link]")).getAttribute("href")).endsWith("/certificate.pdf");

        // The administrator approves destructions but reads no chart (issue 22): the director opens what is left.
        browser.signOut();
        browser.signIn(director);
        browser.open("/documents/" + documentId);
        assertThat(browser.find(By.cssSelector("[data-testid=document-text]")).getText())
                .contains("Destroyed under certificate of destruction " + status.substring(status.indexOf("COD-")))
                .doesNotContain("pneumonia");
    }

    private void approve() {
        browser.find(By.cssSelector("[data-testid=approve-button]")).click();
        browser.until(ExpectedConditions.alertIsPresent()).accept(); // the data-confirm question
        browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=status]")));
    }
}
