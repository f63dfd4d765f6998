package org.custodian.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
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
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;

    private WebDriver driver;
    private WebDriverWait wait;
    private Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "Browser tests need Debian's Chromium and ChromeDriver at " + CHROMIUM + " and " + CHROMEDRIVER
                        + ": apt-get install chromium chromium-driver");
        profile = Files.createTempDirectory("custodian-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
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

        signIn(director);
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
        signOut();

        signIn(officer);
        driver.get(page);
        approve();
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("One more approval");
        assertThat(driver.findElements(By.cssSelector("[data-testid=approve-button]"))).as("approved once already").isEmpty();
        signOut();

        signIn(admin);
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

    private void signIn(String username) {
        driver.get(api.baseUrl() + "/login");
        driver.findElement(By.name("username")).sendKeys(username);
        driver.findElement(By.name("password")).sendKeys(StaffAccounts.PASSWORD);
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=username]"), username));
    }

    private void signOut() {
        driver.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=login-message]"), "You have signed out."));
    }
}
