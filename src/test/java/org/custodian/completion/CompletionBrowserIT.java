package org.custodian.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.custodian.chart.ChartService;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Headless Chromium through record completion: the analyst sees the unsigned note's deficiency with
 * the patient's name and MRN; the physician signs in, opens "My charts to complete", signs the note;
 * the deficiency closes and the director's figures change (42 CFR 482.24(c)(1)).
 */
@CustodianTest
@Tag("browser")
class CompletionBrowserIT {

    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;

    @RegisterExtension final Browser browser = Browser.eachTest();

    private int figure(String name) {
        return Integer.parseInt(browser.find(By.cssSelector("[data-figure=" + name + "]")).getText().trim());
    }

    @Test
    void theAnalystSeesTheDeficiencyThePhysicianSignsAndTheFiguresChange() {
        accounts.clinicianPractitioner();
        Patient[] patient = new Patient[1];
        long[] note = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> {
            patient[0] = patients.register(TestPatients.newPatient("Inbox", TestPatients.uniqueName("Browser"), LocalDate.of(1949, 9, 9)));
            Instant discharge = Instant.now().minus(6, ChronoUnit.DAYS);
            Instant admit = discharge.minus(3, ChronoUnit.DAYS);
            long e = charts.record(new NewEncounter(patient[0].id(), null, EncounterClass.INPATIENT, admit, discharge,
                    StaffAccounts.CLINICIAN_NAME, "Medicine", null)).id();
            List<Long> ids = charts.fileAll(List.of(
                    new NewDocument(patient[0].id(), e, DocumentType.HISTORY_AND_PHYSICAL, null, StaffAccounts.CLINICIAN_NAME, "H&P.",
                            DocumentStatus.SIGNED, admit.plusSeconds(3600), StaffAccounts.CLINICIAN_NAME, admit.plusSeconds(7200)),
                    new NewDocument(patient[0].id(), e, DocumentType.DISCHARGE_SUMMARY, null, StaffAccounts.CLINICIAN_NAME, "DS.",
                            DocumentStatus.SIGNED, discharge, StaffAccounts.CLINICIAN_NAME, discharge),
                    new NewDocument(patient[0].id(), e, DocumentType.PROGRESS_NOTE, "Day 2 note", StaffAccounts.CLINICIAN_NAME,
                            "Improving.", DocumentStatus.UNSIGNED, admit.plus(1, ChronoUnit.DAYS), null, null)));
            note[0] = ids.get(2);
        });
        String mrn = patient[0].mrn();

        browser.signIn(accounts.of(Role.HIM_DIRECTOR));
        browser.open("/completion/director");
        int incompleteBefore = figure("incomplete");
        int openBefore = figure("open");
        browser.signOut();

        browser.signIn(accounts.of(Role.HIM_ANALYST));
        browser.nav("Chart completion");
        browser.until(ExpectedConditions.titleContains("Chart completion"));
        // The department carries thousands of open deficiencies: the analyst narrows the list to the patient.
        browser.find(By.cssSelector("[data-testid=open-deficiencies-filter] input[name=find]")).sendKeys(mrn);
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=open-deficiencies-filter] button[type=submit]")));
        assertThat(browser.find(By.cssSelector("[data-testid=open-deficiencies-count]")).getText()).contains("open deficienc");
        By row = By.xpath("//table[@data-testid='open-deficiencies']//tr[.//a[@href='/documents/" + note[0] + "']]");
        assertThat(browser.find(row).getText()).contains(mrn, patient[0].familyName(), StaffAccounts.CLINICIAN_SIGNATURE);
        browser.signOut();

        browser.signIn(accounts.of(Role.CLINICIAN));
        browser.nav("My charts to complete");
        browser.until(ExpectedConditions.titleContains("My charts to complete"));
        By item = By.xpath("//table[@data-testid='inbox']//tr[.//a[@href='/documents/" + note[0] + "']]");
        assertThat(browser.find(item).getText()).contains(mrn, "Sign");
        browser.clickAndAwaitNewPage(browser.find(By.xpath("//table[@data-testid='inbox']//a[@href='/documents/" + note[0] + "']")));
        browser.find(By.cssSelector("[data-testid=sign-button]")).click();
        browser.until(ExpectedConditions.alertIsPresent()).accept(); // the data-confirm question
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("body"), "The document is signed."));
        browser.open("/completion/inbox");
        assertThat(browser.findAll(item)).isEmpty();
        browser.signOut();

        browser.signIn(accounts.of(Role.HIM_ANALYST));
        browser.open("/completion?find=" + mrn);
        assertThat(browser.findAll(row)).as("the deficiency closed by itself").isEmpty();
        browser.signOut();

        browser.signIn(accounts.of(Role.HIM_DIRECTOR));
        browser.open("/completion/director");
        assertThat(figure("open")).isLessThan(openBefore);
        assertThat(figure("incomplete")).isLessThan(incompleteBefore);
    }

    @Test
    void theAnalystPicksTheVisitOfAManualDeficiencyByThePatientsName() {
        Patient[] patient = new Patient[1];
        accounts.runAs(Role.CLINICIAN, () -> {
            patient[0] = patients.register(TestPatients.newPatient("Picker", TestPatients.uniqueName("Visit"), LocalDate.of(1955, 5, 5)));
            Instant discharge = Instant.now().minus(2, ChronoUnit.DAYS);
            charts.record(new NewEncounter(patient[0].id(), null, EncounterClass.INPATIENT, discharge.minus(2, ChronoUnit.DAYS), discharge,
                    StaffAccounts.CLINICIAN_NAME, "Medicine", null));
        });
        browser.signIn(accounts.of(Role.HIM_ANALYST));
        browser.open("/completion");
        browser.find(By.id("picker-encounter-find")).sendKeys(patient[0].familyName());
        By option = By.cssSelector("[data-testid=encounter-picker] [data-testid=pick-encounter]");
        browser.until(ExpectedConditions.textToBePresentInElementLocated(option, patient[0].mrn()));
        browser.find(option).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid=encounter-picker] [data-picker-chosen]"), "MRN " + patient[0].mrn()));
        new org.openqa.selenium.support.ui.Select(browser.find(By.name("rule"))).selectByVisibleText("Illegible entry");
        browser.find(By.name("description")).sendKeys("Progress note page 2 illegible");
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=manual-deficiency] button[type=submit]")));
        assertThat(browser.find(By.cssSelector("body")).getText()).contains("Deficiency entered for").contains(patient[0].mrn());
        // Back on the list narrowed to the patient, however many other charts are open.
        assertThat(browser.find(By.cssSelector("[data-testid=open-deficiencies-filter] input[name=find]")).getAttribute("value"))
                .isEqualTo(patient[0].mrn());
        By row = By.xpath("//table[@data-testid='open-deficiencies']//tr[contains(., '" + patient[0].mrn() + "') and contains(., 'Illegible entry')]");
        assertThat(browser.find(row).getText()).contains(patient[0].familyName(), "Progress note page 2 illegible");
    }
}
