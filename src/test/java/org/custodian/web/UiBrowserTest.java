package org.custodian.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Headless Chromium through the whole story: a coder signs in, finds a patient by typing part of
 * the name (htmx live search), opens the chart and signs out; the privacy officer signs in, opens
 * the audit log filtered by that patient and sees the coder's read of the chart. Along the way no
 * page may trip the Content Security Policy.
 */
@CustodianTest
@Tag("browser")
class UiBrowserTest {

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
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
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
        signIn(coder);
        driver.findElement(By.linkText("Patients")).click();
        wait.until(ExpectedConditions.titleContains("Patients"));
        WebElement box = driver.findElement(By.name("q"));
        box.sendKeys(family.substring(0, 10).toLowerCase());
        // The results arrive by htmx, without a page load.
        WebElement link = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//a[@data-testid='patient-link' and contains(., '" + family + "')]")));
        assertThat(driver.getCurrentUrl()).contains("/patients?q=");
        link.click();

        // The chart.
        wait.until(ExpectedConditions.titleContains(family));
        assertThat(driver.findElement(By.cssSelector("[data-testid=banner-mrn]")).getText()).isEqualTo(patient.mrn());
        assertThat(driver.findElement(By.cssSelector("[data-testid=demographics]")).getText()).contains("***-**-6789", "07/30/1944");
        assertThat(driver.findElement(By.cssSelector("[data-testid=encounters]")).getText()).contains("Dr. Lane", "Medicine", "2 d");
        assertThat(driver.findElement(By.cssSelector("[data-testid=documents]")).getText()).contains("Discharge summary", "Unsigned");

        // Sign out with the header's button.
        driver.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=login-message]"), "You have signed out."));

        // The privacy officer looks at the patient's access history.
        signIn(officer);
        driver.findElement(By.linkText("Audit log")).click();
        wait.until(ExpectedConditions.titleContains("Audit log"));
        driver.findElement(By.name("patientId")).sendKeys(Long.toString(patient.id()));
        driver.findElement(By.xpath("//button[normalize-space()='Show events']")).click();
        wait.until(ExpectedConditions.urlContains("patientId=" + patient.id()));
        List<WebElement> reads = driver.findElements(By.cssSelector("[data-testid=audit-events] tr[data-action=READ]"));
        assertThat(reads).extracting(WebElement::getText)
                .anySatisfy(row -> assertThat(row).contains(coder, "Chart " + patient.id(), "SUCCESS", "CODER"));

        assertThat(cspViolations()).isEmpty();
    }

    private void signIn(String username) {
        driver.get(api.baseUrl() + "/login");
        driver.findElement(By.name("username")).sendKeys(username);
        driver.findElement(By.name("password")).sendKeys(StaffAccounts.PASSWORD);
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=username]"), username));
    }

    /** Messages in the browser's console saying the Content Security Policy blocked something. */
    private List<String> cspViolations() {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::getMessage)
                    .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to"))
                    .toList();
        } catch (RuntimeException logsNotSupported) {
            return List.of();
        }
    }
}
