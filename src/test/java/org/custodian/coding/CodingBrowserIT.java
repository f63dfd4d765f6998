package org.custodian.coding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.custodian.chart.ChartService;
import org.custodian.chart.DischargeDisposition;
import org.custodian.chart.EncounterClass;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Headless Chromium ({@link org.custodian.support.Browser}): a coder opens the worklist, codes an
 * encounter with the type-ahead, sees an edit (a header code), fixes it and finalizes; the
 * encounter leaves the worklist. No page trips the Content Security Policy.
 */
@CustodianTest
@Tag("browser")
class CodingBrowserIT {

    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;

    @RegisterExtension final Browser browser = Browser.eachTest();

    @Test
    void coderCodesWithTypeAheadSeesAnEditFixesItAndFinalizes() {
        long[] encounter = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> {
            Patient patient = patients.register(TestPatients.newPatient("Ida", TestPatients.uniqueName("Typeahead"),
                    LocalDate.of(1950, 2, 2)));
            // Discharged early in FY2026 (the set the encoder warms at start-up): near the head of the
            // worklist's oldest-first order.
            Instant discharge = LocalDate.of(2025, 10, 3).atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC);
            encounter[0] = charts.record(new NewEncounter(patient.id(), null, EncounterClass.INPATIENT,
                    discharge.minus(Duration.ofDays(3)), discharge, "Dr. Lane", "Medicine", DischargeDisposition.HOME)).id();
        });
        String coder = accounts.of(Role.CODER);

        // The coder opens the worklist from the navigation and picks the encounter.
        browser.signIn(coder);
        browser.nav("Coding");
        browser.until(ExpectedConditions.titleContains("Coding worklist"));
        // Other tests share the database: narrow the list to this stay's discharge day with the filter.
        WebElement from = browser.find(By.name("from"));
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "arguments[0].value='2025-10-03'; document.querySelector('[name=to]').value='2025-10-03';", from);
        browser.find(By.cssSelector("[data-testid=worklist-filter] button")).click();
        browser.until(ExpectedConditions.urlContains("from=2025-10-03"));
        browser.find(By.cssSelector("a[data-encounter='" + encounter[0] + "']")).click();
        browser.until(ExpectedConditions.presenceOfElementLocated(By.name("pdx")));

        // Principal diagnosis by type-ahead: words, not the code.
        pick("pdx", "pneumonia unspecified organism", "J18.9");
        browser.find(By.name("pdxPoa")).sendKeys("Y");
        pick("sdx0", "essential hypertension", "I10");
        browser.find(By.name("sdxPoa0")).sendKeys("Y");
        // A header code typed by hand: the edits must catch it.
        WebElement sdx1 = browser.find(By.name("sdx1"));
        sdx1.sendKeys("E11.6");
        sdx1.sendKeys(Keys.ESCAPE);
        browser.find(By.name("sdxPoa1")).sendKeys("Y");
        browser.find(By.cssSelector("[data-testid=save]")).click();

        WebElement edit = browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li[data-rule=NON_BILLABLE_CODE]")));
        assertThat(edit.getText()).contains("E11.6", "ICD-10-CM FY2026");
        assertThat(browser.find(By.cssSelector("[data-testid=finalize]")).isEnabled()).isFalse();
        assertThat(browser.find(By.name("pdx")).getAttribute("value")).isEqualTo("J18.9");

        // Fixed with the type-ahead, saved: no edits; finalized after confirming.
        WebElement again = browser.find(By.name("sdx1"));
        again.clear();
        pick("sdx1", "E11.65", "E11.65"); // the code the edit pointed to, by its full code this time
        browser.find(By.cssSelector("[data-testid=save]")).click();
        browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=no-edits]")));
        browser.find(By.cssSelector("[data-testid=finalize]")).click();
        browser.until(ExpectedConditions.alertIsPresent()).accept();
        browser.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=abstract-status]"), "Final"));
        assertThat(browser.findAll(By.cssSelector("[data-testid=save]"))).isEmpty();

        // Off the worklist.
        browser.open("/coding?from=2025-10-03&to=2025-10-03");
        assertThat(browser.findAll(By.cssSelector("a[data-encounter='" + encounter[0] + "']"))).isEmpty();
        assertThat(browser.cspViolations()).isEmpty();
    }

    @Test
    void theCodeFieldKeepsWhatWasTypedUntilASuggestionIsChosenAndSearchesWholeWords() {
        long[] encounter = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> {
            Patient patient = patients.register(TestPatients.newPatient("Ona", TestPatients.uniqueName("Codefield"),
                    LocalDate.of(1948, 3, 3)));
            Instant discharge = LocalDate.of(2025, 10, 6).atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC);
            encounter[0] = charts.record(new NewEncounter(patient.id(), null, EncounterClass.INPATIENT,
                    discharge.minus(Duration.ofDays(2)), discharge, "Dr. Lane", "Medicine", DischargeDisposition.HOME)).id();
        });
        browser.signIn(accounts.of(Role.CODER));
        browser.open("/coding/encounters/" + encounter[0]);
        browser.until(ExpectedConditions.presenceOfElementLocated(By.name("sdx0")));

        // N18.3 typed, the list offers N18.30 and its siblings: Tab moves on and keeps N18.3 as typed.
        WebElement sdx0 = browser.find(By.name("sdx0"));
        sdx0.sendKeys("N18.3");
        WebElement offer = browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("ul.typeahead[data-for=sdx0] li")));
        // The list does not lie over the next field: its box ends above the next row's field.
        WebElement sdx1 = browser.find(By.name("sdx1"));
        org.openqa.selenium.Rectangle list = browser.find(By.cssSelector("ul.typeahead[data-for=sdx0]")).getRect();
        assertThat(list.getY() + list.getHeight()).as("suggestion list bottom vs next field top")
                .isLessThanOrEqualTo(sdx1.getRect().getY());
        assertThat(offer.getAttribute("data-code")).startsWith("N18.3");
        sdx0.sendKeys(Keys.TAB);
        browser.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("ul.typeahead[data-for=sdx0] li")));
        assertThat(sdx0.getAttribute("value")).isEqualTo("N18.3");

        // Typed again in the next field, then a mouse click on the field below it: kept as typed.
        sdx1.sendKeys("N18.3");
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("ul.typeahead[data-for=sdx1] li")));
        browser.find(By.name("sdx2")).click();
        browser.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("ul.typeahead[data-for=sdx1] li")));
        assertThat(sdx1.getAttribute("value")).isEqualTo("N18.3");

        // Enter with nothing highlighted keeps the text too (and does not send the form).
        WebElement sdx2 = browser.find(By.name("sdx2"));
        sdx2.sendKeys("I10");
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("ul.typeahead[data-for=sdx2] li")));
        sdx2.sendKeys(Keys.ENTER);
        browser.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("ul.typeahead[data-for=sdx2] li")));
        assertThat(sdx2.getAttribute("value")).isEqualTo("I10");
        assertThat(browser.findAll(By.cssSelector(".alert-ok, .alert-error"))).as("no save happened").isEmpty();

        // A word longer than 8 letters is searched whole: "pneumonia" finds pneumonia codes (J18.x).
        WebElement sdx3 = browser.find(By.name("sdx3"));
        sdx3.sendKeys("pneumonia");
        assertThat(sdx3.getAttribute("value")).isEqualTo("pneumonia");
        browser.until(d -> d.findElements(By.cssSelector("ul.typeahead[data-for=sdx3] li")).stream()
                .anyMatch(li -> li.getAttribute("data-code").startsWith("J18")));
        // An explicit choice (arrow down, Enter) takes the highlighted suggestion.
        String first = browser.find(By.cssSelector("ul.typeahead[data-for=sdx3] li")).getAttribute("data-code");
        sdx3.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        browser.until(ExpectedConditions.attributeToBe(sdx3, "value", first));
        assertThat(browser.cspViolations()).isEmpty();
    }

    @Test
    void codingAStayShowsItsDrgWeightPaymentAndWhyAndAnMccMovesItToTheWithMccDrg() throws Exception {
        long[] encounter = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> {
            Patient patient = patients.register(TestPatients.newPatient("Drew", TestPatients.uniqueName("Drgpage"),
                    LocalDate.of(1951, 5, 5)));
            Instant discharge = LocalDate.of(2025, 10, 9).atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC);
            encounter[0] = charts.record(new NewEncounter(patient.id(), null, EncounterClass.INPATIENT,
                    discharge.minus(Duration.ofDays(4)), discharge, "Dr. Lane", "Medicine", DischargeDisposition.HOME)).id();
        });
        browser.signIn(accounts.of(Role.CODER));
        browser.open("/coding/encounters/" + encounter[0]);
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=drg-message]"),
                "principal diagnosis"));

        pick("pdx", "pneumonia unspecified organism", "J18.9");
        browser.find(By.name("pdxPoa")).sendKeys("Y");
        browser.find(By.cssSelector("[data-testid=save]")).click();
        browser.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=drg-number]"), "195"));
        assertThat(browser.find(By.cssSelector("#drg-h")).getText()).startsWith("Working MS-DRG 195");
        assertThat(browser.find(By.cssSelector("[data-testid=drg-severity]")).getText()).isEqualTo("without CC/MCC");
        assertThat(browser.find(By.cssSelector("[data-testid=drg-weight]")).getText()).matches("\\d+\\.\\d{4}");
        assertThat(browser.find(By.cssSelector("[data-testid=drg-los]")).getText()).contains("4 days", "GMLOS");
        String payment195 = browser.find(By.cssSelector("[data-testid=drg-payment]")).getText();
        assertThat(payment195).matches("\\$[\\d,]+\\.\\d{2}");
        assertThat(browser.find(By.cssSelector("[data-testid=drg-formula]")).getText()).contains("FY2026 MS-DRG 195: weight");
        assertThat(browser.find(By.cssSelector("[data-testid=drg-explanation]")).getText()).contains("No secondary diagnoses");

        // J96.01, acute respiratory failure with hypoxia, present on admission: an MCC.
        pick("sdx0", "J96.01", "J96.01");
        browser.find(By.name("sdxPoa0")).sendKeys("Y");
        browser.find(By.cssSelector("[data-testid=save]")).click();
        browser.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=drg-number]"), "193"));
        assertThat(browser.find(By.cssSelector("[data-testid=drg-severity]")).getText()).isEqualTo("with MCC");
        String payment193 = browser.find(By.cssSelector("[data-testid=drg-payment]")).getText();
        assertThat(dollars(payment193)).isGreaterThan(dollars(payment195));
        WebElement row = browser.find(By.cssSelector(".drg-roles tr[data-code='J96.01']"));
        assertThat(row.getText()).contains("MCC", "without this diagnosis the DRG would be 195");
        // A picture of the page for a human eye: target/screenshots/abstract-drg.png.
        java.nio.file.Path shot = java.nio.file.Path.of("target", "screenshots", "abstract-drg.png");
        java.nio.file.Files.createDirectories(shot.getParent());
        java.nio.file.Files.write(shot,
                ((org.openqa.selenium.TakesScreenshot) browser.driver()).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        assertThat(browser.cspViolations()).isEmpty();
    }

    private static java.math.BigDecimal dollars(String text) {
        return new java.math.BigDecimal(text.replace("$", "").replace(",", "").trim());
    }

    /** Types words into the field and clicks the type-ahead's offer of the expected code. */
    private void pick(String field, String words, String code) {
        WebElement input = browser.find(By.name(field));
        input.sendKeys(words);
        By option = By.xpath("//ul[contains(@class,'typeahead')][@data-for='" + field + "']/li[@data-code='" + code + "']");
        try {
            browser.until(ExpectedConditions.elementToBeClickable(option)).click();
        } catch (org.openqa.selenium.TimeoutException e) {
            // Say what the type-ahead showed and what the console said, to make a failure readable.
            List<WebElement> offered = browser.findAll(By.cssSelector("ul.typeahead li"));
            throw new AssertionError("type-ahead for '" + words + "' offered " + offered.stream().map(WebElement::getText).toList()
                    + "; console: " + browser.console(), e);
        }
        assertThat(input.getAttribute("value")).isEqualTo(code);
    }
}
