package org.custodian.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
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
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;

/**
 * The data-integrity analyst in a browser: the worklist with its KPIs, a pair side by side with
 * each field's contribution, "not the same person" (the pair never comes back, even when reported
 * again), a merge from the worklist and its undo. No page may trip the Content Security Policy.
 * The browser is {@link org.custodian.support.Browser}.
 */
@CustodianTest
@Tag("browser")
class WorklistBrowserIT {

    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired MasterPatientIndex mpi;

    @RegisterExtension final Browser browser = Browser.eachTest();

    private long[] pair(String given1, String given2) {
        String family = TestPatients.uniqueName("Worklist");
        long[] ids = new long[2];
        accounts.runAs(Role.CLINICIAN, () -> {
            ids[0] = patients.register(person(given1, family)).id();
            ids[1] = patients.register(person(given2, family)).id();
        });
        return new long[] {mpi.reportPossibleDuplicate(ids[0], ids[1]), ids[0], ids[1]};
    }

    private static NewPatient person(String given, String family) {
        return new NewPatient(null, null, given, null, family, LocalDate.of(1958, 12, 1), AdministrativeSex.M, "512-44-" + String.format("%04d", Math.floorMod(family.hashCode(), 10_000)),
                new Address("77 Harbor Rd", "Quincy", "IL", "62301"), "217-555-0111", null);
    }

    @Test
    void reviewRejectMergeAndUnmergeInTheWorklist() {
        long[] rejected = pair("Jon", "John");
        long[] merged = pair("William", "Bill");
        String analyst = accounts.of(Role.DATA_INTEGRITY_ANALYST);

        browser.signIn(analyst);
        browser.nav("Duplicates");
        browser.until(ExpectedConditions.titleContains("Duplicate worklist"));
        assertThat(browser.find(By.cssSelector("[data-testid=kpi-pending]")).getText()).containsPattern("\\d+ open, \\d+ needing research");
        assertThat(browser.find(By.cssSelector("[data-testid=kpi-duplicate-rate]")).getText()).containsPattern("\\d+\\.\\d\\d %");
        // AHIMA's duplicate rates: this month in words, the sources in words (not enum names).
        String month = java.time.YearMonth.from(org.custodian.support.HospitalToday.date())
                .format(java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", java.util.Locale.US));
        assertThat(browser.find(By.cssSelector("[data-testid=rates-by-month]")).getText()).contains(month);
        assertThat(browser.find(By.cssSelector("[data-testid=rates-by-source]")).getText())
                .contains("Registration desk", "ADT feed", "FHIR import", "Not recorded").doesNotContain("ADT_FEED");
        assertThat(rows()).contains(rejected[0], merged[0]);

        // Side by side, with each field's contribution; then "not the same person".
        browser.find(By.cssSelector("tr[data-pair='" + rejected[0] + "'] a[data-testid=pair-link]")).click();
        browser.until(ExpectedConditions.titleContains("Duplicate pair " + rejected[0]));
        assertThat(browser.find(By.cssSelector("[data-testid=side-by-side]")).getText()).contains("Jon", "John", "77 Harbor Rd");
        assertThat(browser.find(By.cssSelector("[data-testid=contributions]")).getText()).contains("GIVEN_NAME", "BIRTH_DATE", "exact");
        browser.find(By.cssSelector("[data-testid=decision-not-same]")).click();
        browser.find(By.cssSelector("[data-testid=decision-reason]")).sendKeys("father and son (Sr./Jr.), confirmed by phone");
        browser.find(By.cssSelector("[data-testid=decide-button]")).click();
        browser.until(ExpectedConditions.titleContains("Duplicate worklist"));
        assertThat(rows()).doesNotContain(rejected[0]).contains(merged[0]);
        // Reported again (a new scan, a registration): the pair does not come back.
        assertThat(mpi.reportPossibleDuplicate(rejected[2], rejected[1])).isEqualTo(rejected[0]);
        browser.driver().navigate().refresh();
        browser.until(ExpectedConditions.titleContains("Duplicate worklist"));
        assertThat(rows()).doesNotContain(rejected[0]);
        assertThat(browser.find(By.cssSelector("[data-testid=kpi-analysts]")).getText()).contains(analyst);

        // Same person: merge into the first registration, then undo it.
        browser.find(By.cssSelector("tr[data-pair='" + merged[0] + "'] a[data-testid=pair-link]")).click();
        browser.until(ExpectedConditions.titleContains("Duplicate pair " + merged[0]));
        browser.find(By.cssSelector("[data-testid=merge-reason]")).sendKeys("same person, nickname");
        browser.find(By.cssSelector("[data-testid=merge-button]")).click();
        // A merge asks first, naming both records.
        org.openqa.selenium.Alert confirm = browser.until(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).contains("Merge MRN", "surviving record");
        confirm.accept();
        browser.until(ExpectedConditions.titleContains("Merge "));
        assertThat(browser.find(By.cssSelector("[data-testid=merge-status]")).getText()).isEqualTo("In effect");
        assertThat(mpi.survivorOf(merged[2])).isEqualTo(merged[1]);
        browser.find(By.cssSelector("[data-testid=unmerge-reason]")).sendKeys("wrong patient chosen");
        browser.find(By.cssSelector("[data-testid=unmerge-button]")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=merge-status]"), "Undone by " + analyst));
        assertThat(mpi.survivorOf(merged[2])).isEqualTo(merged[2]);

        assertThat(browser.cspViolations()).isEmpty();
    }

    /** The test's own pairs: the shared database's worklist holds many stronger pairs than these. */
    private List<Long> rows() {
        browser.find(By.cssSelector("[data-testid=pair-q]")).clear();
        browser.find(By.cssSelector("[data-testid=pair-q]")).sendKeys("Worklist");
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=pair-search] button")));
        browser.until(ExpectedConditions.titleContains("Duplicate worklist"));
        return browser.findAll(By.cssSelector("[data-testid=mpi-pairs] tr[data-pair]")).stream()
                .map(r -> Long.parseLong(r.getAttribute("data-pair"))).toList();
    }
}
