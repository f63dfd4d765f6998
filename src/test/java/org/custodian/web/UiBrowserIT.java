package org.custodian.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.custodian.chart.ChartService;
import org.custodian.chart.DischargeDisposition;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewDocument;
import org.custodian.chart.NewEncounter;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.Browser;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Headless Chromium through the whole story: a coder signs in, finds a patient by typing part of
 * the name (htmx live search), opens the chart and signs out; the privacy officer signs in, opens
 * the audit log filtered by that patient and sees the coder's read of the chart. Along the way no
 * page may trip the Content Security Policy.
 */
@CustodianTest
@Tag("browser")
class UiBrowserIT {

    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;

    @RegisterExtension final Browser browser = Browser.eachTest();

    @Test
    void searchOpenChartAndSeeTheReadInTheAuditLog() {
        String family = TestPatients.uniqueName("Browser");
        Patient patient = patients.register(TestPatients.newPatient("Evelyn", family, LocalDate.of(1944, 7, 30)));
        Instant admit = Instant.now().minus(3, ChronoUnit.DAYS);
        long encounterId = charts.record(new NewEncounter(patient.id(), null, EncounterClass.INPATIENT, admit,
                admit.plus(2, ChronoUnit.DAYS), "Dr. Lane", "Medicine", DischargeDisposition.HOME)).id();
        charts.file(new NewDocument(patient.id(), encounterId, DocumentType.DISCHARGE_SUMMARY, "Discharge summary",
                "Dr. Lane", "Home in good condition.", DocumentStatus.UNSIGNED, admit.plus(2, ChronoUnit.DAYS), null, null));
        String coder = accounts.of(Role.CODER);
        String officer = accounts.of(Role.PRIVACY_OFFICER);

        // A coder signs in and finds the patient by typing part of the name, in lower case.
        browser.signIn(coder);
        browser.nav("Patients");
        browser.until(ExpectedConditions.titleContains("Patients"));
        WebElement box = browser.find(By.name("q"));
        box.sendKeys(family.substring(0, 10).toLowerCase());
        // The results arrive by htmx, without a page load.
        WebElement link = browser.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//a[@data-testid='patient-link' and contains(., '" + family + "')]")));
        assertThat(browser.currentUrl()).contains("/patients?q=");
        link.click();

        // The chart.
        browser.until(ExpectedConditions.titleContains(family));
        // The chart page has one heading, the patient's name.
        assertThat(browser.findAll(By.tagName("h1"))).singleElement().extracting(WebElement::getText)
                .isEqualTo(patient.displayName());
        assertThat(browser.find(By.cssSelector("[data-testid=banner-mrn]")).getText()).isEqualTo(patient.mrn());
        assertThat(browser.find(By.cssSelector("[data-testid=demographics]")).getText()).contains("***-**-6789", "07/30/1944");
        assertThat(browser.find(By.cssSelector("[data-testid=encounters]")).getText()).contains("Dr. Lane", "Medicine", "2 d");
        assertThat(browser.find(By.cssSelector("[data-testid=documents]")).getText()).contains("Discharge summary", "Unsigned");

        // Sign out with the header's button.
        browser.signOut();

        // The privacy officer looks at the patient's access history.
        browser.signIn(officer);
        browser.nav("Audit log");
        browser.until(ExpectedConditions.titleContains("Audit log"));
        browser.pickPatient("patientId", patient.mrn(), patient.mrn());
        browser.find(By.xpath("//button[normalize-space()='Show events']")).click();
        browser.until(ExpectedConditions.urlContains("patientId=" + patient.id()));
        List<WebElement> reads = browser.findAll(By.cssSelector("[data-testid=audit-events] tr[data-action=READ]"));
        assertThat(reads).extracting(WebElement::getText)
                .anySatisfy(row -> assertThat(row).contains(coder, "Chart " + patient.id(), "SUCCESS", "CODER",
                        patient.displayName(), "MRN " + patient.mrn()));

        assertThat(browser.cspViolations()).isEmpty();
    }
}
