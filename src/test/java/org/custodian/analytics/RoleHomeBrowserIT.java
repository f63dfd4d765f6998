package org.custodian.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.custodian.HospitalClock;
import org.custodian.disclosure.Delivery;
import org.custodian.disclosure.NewDisclosureRequest;
import org.custodian.disclosure.ReleaseOfInformation;
import org.custodian.disclosure.RequesterType;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.Browser;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each role signs in and reads its home page's figures, which must be the database's (counted here
 * by SQL written apart from the modules' code); the HIM director's dashboard shows the same figures
 * with trends, opens the records behind one with patient name and MRN, and fits 1280, 1366 and 1920
 * pixels without sideways scrolling (screenshots under target/screenshots).
 */
@CustodianTest
@Tag("browser")
class RoleHomeBrowserIT {

    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired HospitalClock clock;
    @Autowired PatientRegistry patients;
    @Autowired ReleaseOfInformation roi;

    @RegisterExtension final Browser browser = Browser.eachTest();

    private Patient overduePatient;
    private String overdueNumber;

    /** A request for records received 40 days ago and still open: past HIPAA's 30 days (45 CFR 164.524(b)(2)). */
    @BeforeEach
    void overdueRequest() {
        accounts.runAs(Role.CLINICIAN, () -> overduePatient = patients.register(new NewPatient(null, null, "Olive", null,
                "Overdue-" + UUID.randomUUID().toString().substring(0, 6), LocalDate.of(1950, 3, 3), AdministrativeSex.F,
                null, null, null, null)));
        accounts.runAs(Role.ROI_SPECIALIST, () -> overdueNumber = roi.intake(new NewDisclosureRequest(overduePatient.id(),
                RequesterType.PROVIDER_TREATMENT, "Late Clinic", null, "continuing care", Delivery.PDF_DOWNLOAD,
                clock.today().minusDays(40), null, null, null, null, null, null, null)).requestNumber());
    }

    // ---------------------------------------------------------------- the database's figures

    private String today() {
        return clock.today().toString();
    }

    private long dnfb() {
        return count("""
                select count(*) from coding_worklist w
                left join coding_abstract a on a.encounter_id = w.encounter_id and a.kind = 'BILLING'
                where a.finalized_at is null""");
    }

    private long roiOverdue() {
        return count("select count(*) from disclosure_request where status = 'OPEN' and coalesce(extended_due_on, due_on) < cast('"
                + today() + "' as date)");
    }

    private long roiDueSoon() {
        return count("select count(*) from disclosure_request where status = 'OPEN' and coalesce(extended_due_on, due_on) "
                + "between cast('" + today() + "' as date) and cast('" + today() + "' as date) + 7");
    }

    /** Accounting requests open (45 CFR 164.528(c)(1)). */
    private long accountingOpen() {
        return count("select count(*) from accounting_request where fulfilled_on is null or fulfilled_on > cast('" + today() + "' as date)");
    }

    private long accountingDue() {
        return count("select count(*) from accounting_request where (fulfilled_on is null or fulfilled_on > cast('" + today()
                + "' as date)) and due_on <= cast('" + today() + "' as date) + 7");
    }

    private long amendmentsPending() {
        return count("select count(*) from amendment_request where status = 'PENDING'");
    }

    private long amendmentsOverdue() {
        return count("select count(*) from amendment_request where status = 'PENDING' and coalesce(extended_to, due_on) < cast('"
                + today() + "' as date)");
    }

    private long pairsPending() {
        return count("select count(*) from mpi_pair where status in ('OPEN', 'NEEDS_RESEARCH')");
    }

    private long incompleteRecords() {
        return count("select count(distinct encounter_id) from deficiency where state = 'OPEN'");
    }

    private long delinquentRecords() {
        return jdbc.sql("""
                select count(distinct d.encounter_id) from deficiency d join chart_completion_encounter e on e.encounter_id = d.encounter_id
                where d.state = 'OPEN' and e.discharge_at is not null and (e.discharge_at at time zone :zone)::date
                      + (select delinquent_days from completion_policy order by version desc limit 1) + 1 <= :today""")
                .param("zone", clock.getZone().getId()).param("today", clock.today()).query(Long.class).single();
    }

    private long openAlerts() {
        return count("select count(*) from monitoring_alert where decision is null");
    }

    private long breakGlassOverdue() {
        return count("select count(*) from break_glass_grant where reviewed_at is null and review_due < now()");
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static String n(long value) {
        return String.format(Locale.US, "%,d", value);
    }

    // ---------------------------------------------------------------- the pages

    /** Signs in, waits for the home page's figures, returns them by metric id. */
    private Map<String, String> homeFigures(String username, String password) {
        browser.signIn(username, password);
        browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=home-kpis]")));
        return figures();
    }

    private Map<String, String> figures() {
        Map<String, String> out = new LinkedHashMap<>();
        for (WebElement tile : browser.findAll(By.cssSelector("article.kpi[data-metric]"))) {
            out.put(tile.getAttribute("data-metric"), tile.findElement(By.cssSelector("[data-testid=kpi-value]")).getText().trim());
        }
        return out;
    }

    @Test
    void theDirectorsHomeAndDashboardShowTheDatabasesFiguresAndOpenTheRecordsBehindThem() {
        Map<String, String> home = homeFigures(accounts.of(Role.HIM_DIRECTOR), StaffAccounts.PASSWORD);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("dnfb-encounters", n(dnfb()));
        expected.put("roi-overdue", n(roiOverdue()));
        expected.put("roi-due-soon", n(roiDueSoon()));
        expected.put("amendments-pending", n(amendmentsPending()));
        expected.put("amendments-overdue", n(amendmentsOverdue()));
        expected.put("mpi-pairs-pending", n(pairsPending()));
        expected.put("audit-chain", "Intact");
        expected.put("completion-incomplete-records", n(incompleteRecords()));
        expected.put("completion-delinquent-records", n(delinquentRecords()));
        assertThat(home).containsAllEntriesOf(expected).containsKeys("completion-delinquency-rate", "completion-median-days",
                "case-mix-index", "dnfb-dollars");
        assertThat(roiOverdue()).as("the fixture's overdue request").isPositive();

        browser.nav("Dashboard");
        browser.until(ExpectedConditions.titleContains("Department dashboard"));
        browser.until(d -> browser.findAll(By.cssSelector("[data-chart] canvas")).size() >= 10);
        Map<String, String> dashboard = figures();
        assertThat(dashboard).containsAllEntriesOf(expected)
                .containsKeys("coding-accuracy", "coding-productivity", "dnfb-average-days", "roi-turnaround",
                        "mpi-duplicate-rate", "credentials-due");
        WebElement overdue = browser.find(By.cssSelector("article[data-metric=roi-overdue]"));
        assertThat(overdue.getAttribute("class")).contains("kpi-miss");
        assertThat(overdue.getText()).contains("Off target", "45 CFR 164.524(b)(2)");

        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        for (int width : new int[] {1280, 1366, 1920}) {
            browser.driver().manage().window().setSize(new Dimension(width, 1000));
            browser.until(d -> ((Number) js.executeScript("return window.innerWidth;")).intValue() > width - 40);
            browser.open("/analytics");
            browser.until(d -> browser.findAll(By.cssSelector("[data-chart] canvas")).size() >= 10);
            int scroll = ((Number) js.executeScript("return document.documentElement.scrollWidth;")).intValue();
            int client = ((Number) js.executeScript("return document.documentElement.clientWidth;")).intValue();
            assertThat(scroll).as("dashboard width at %d px (no sideways scroll)", width).isLessThanOrEqualTo(client);
            int navRight = ((Number) js.executeScript("var n = document.querySelectorAll('nav.mainnav > *');"
                    + " return Math.ceil(n[n.length - 1].getBoundingClientRect().right);")).intValue();
            int sessionLeft = ((Number) js.executeScript(
                    "return Math.floor(document.querySelector('.session').getBoundingClientRect().left);")).intValue();
            assertThat(navRight).as("the top bar's last work area clear of the user's name at %d px", width)
                    .isLessThanOrEqualTo(sessionLeft);
            screenshot("analytics-dashboard-" + width);
        }

        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("article[data-metric=roi-overdue] h2 a")));
        browser.until(ExpectedConditions.titleContains("ROI requests overdue"));
        assertThat(browser.find(By.cssSelector("[data-testid=kpi-value]")).getText()).isEqualTo(n(roiOverdue()));
        WebElement row = browser.find(By.xpath("//table[@data-testid='records']//tr[td[contains(., '" + overdueNumber + "')]]"));
        assertThat(row.findElement(By.cssSelector("[data-testid=patient-name]")).getText()).isEqualTo(overduePatient.displayName());
        assertThat(row.findElement(By.cssSelector("[data-testid=patient-mrn]")).getText()).isEqualTo("MRN " + overduePatient.mrn());
        assertThat(browser.find(By.cssSelector("[data-testid=row-count]")).getText()).isEqualTo(Long.toString(roiOverdue()));
        screenshot("analytics-metric-roi-overdue-1920");

        // Another period by week: one point per week, still the same latest figure.
        browser.find(By.cssSelector("select[name=interval]")).sendKeys("Week");
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("form[data-testid=period] button[type=submit]")));
        assertThat(browser.currentUrl()).contains("interval=week");
        assertThat(browser.findAll(By.cssSelector("table[data-testid=series] tbody tr")).size()).isGreaterThan(40);
        assertThat(browser.cspViolations()).isEmpty();
    }

    @Test
    void aCodersHomeShowsTheQueueAndTheirOwnProductivity() {
        Map<String, String> home = homeFigures(accounts.of(Role.CODER), StaffAccounts.PASSWORD);
        assertThat(home).containsOnlyKeys("dnfb-encounters", "my-coding-productivity");
        assertThat(home.get("dnfb-encounters")).isEqualTo(n(dnfb()));
        // The coder opens the list behind the queue figure: encounters with patient name and MRN.
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("article[data-metric=dnfb-encounters] h2 a")));
        assertThat(browser.find(By.cssSelector("[data-testid=row-count]")).getText()).isEqualTo(Long.toString(dnfb()));
        if (dnfb() > 0) {
            assertThat(browser.find(By.cssSelector("table[data-testid=records] [data-testid=patient-mrn]")).getText()).startsWith("MRN ");
        }
        // A figure not theirs is refused.
        browser.open("/analytics/metrics/roi-overdue");
        assertThat(browser.find(By.tagName("body")).getText()).doesNotContain(overdueNumber);
        screenshot("home-coder");
    }

    @Test
    void anRoiSpecialistsHomeShowsRequestsByDeadline() {
        Map<String, String> home = homeFigures(accounts.of(Role.ROI_SPECIALIST), StaffAccounts.PASSWORD);
        assertThat(home).containsOnlyKeys("roi-turnaround", "roi-overdue", "roi-due-soon", "accounting-requests-open",
                "accounting-requests-due");
        assertThat(home.get("accounting-requests-open")).isEqualTo(n(accountingOpen()));
        assertThat(home.get("accounting-requests-due")).isEqualTo(n(accountingDue()));
        assertThat(home.get("roi-overdue")).isEqualTo(n(roiOverdue()));
        assertThat(home.get("roi-due-soon")).isEqualTo(n(roiDueSoon()));
        screenshot("home-roi");
    }

    @Test
    void aPrivacyOfficersHomeShowsDeadlinesOfTheLawAndTheAuditChain() {
        Map<String, String> home = homeFigures(accounts.of(Role.PRIVACY_OFFICER), StaffAccounts.PASSWORD);
        assertThat(home).containsOnlyKeys("roi-overdue", "amendments-overdue", "amendments-pending", "audit-chain",
                "privacy-open-alerts", "break-glass-reviews-overdue", "accounting-requests-open", "accounting-requests-due");
        assertThat(home).containsEntry("accounting-requests-open", n(accountingOpen()))
                .containsEntry("accounting-requests-due", n(accountingDue()));
        assertThat(home).containsEntry("roi-overdue", n(roiOverdue())).containsEntry("amendments-pending", n(amendmentsPending()))
                .containsEntry("amendments-overdue", n(amendmentsOverdue())).containsEntry("audit-chain", "Intact")
                .containsEntry("privacy-open-alerts", n(openAlerts()))
                .containsEntry("break-glass-reviews-overdue", n(breakGlassOverdue()));
    }

    @Test
    void anHimAnalystsHomeShowsIncompleteAndDelinquentRecords() {
        Map<String, String> home = homeFigures(accounts.of(Role.HIM_ANALYST), StaffAccounts.PASSWORD);
        assertThat(home).containsOnlyKeys("completion-incomplete-records", "completion-delinquent-records",
                "completion-delinquency-rate");
        assertThat(home).containsEntry("completion-incomplete-records", n(incompleteRecords()))
                .containsEntry("completion-delinquent-records", n(delinquentRecords()));
    }

    @Test
    void anAuditorsHomeShowsTheAuditChainOnly() {
        assertThat(homeFigures(accounts.of(Role.AUDITOR), StaffAccounts.PASSWORD)).containsExactly(Map.entry("audit-chain", "Intact"));
    }

    @Test
    void aDataIntegrityAnalystsHomeShowsTheDuplicateWorklist() {
        Map<String, String> home = homeFigures(accounts.of(Role.DATA_INTEGRITY_ANALYST), StaffAccounts.PASSWORD);
        assertThat(home).containsOnlyKeys("mpi-duplicate-rate", "mpi-pairs-pending");
        assertThat(home.get("mpi-pairs-pending")).isEqualTo(n(pairsPending()));
    }

    @Test
    void aCdiSpecialistsHomeShowsTheCodingQueueAndTheQueryRates() {
        Map<String, String> home = homeFigures(accounts.of(Role.CDI_SPECIALIST), StaffAccounts.PASSWORD);
        assertThat(home).containsOnlyKeys("dnfb-encounters", "cdi-query-rate", "cdi-response-rate", "cdi-agreement-rate",
                "cdi-cc-mcc-capture-rate");
        assertThat(home).containsEntry("dnfb-encounters", n(dnfb()));
    }

    @Test
    void aClinicianHasNoDepartmentFigureYetAndIsToldSo() {
        homeFigures(accounts.of(Role.CLINICIAN), StaffAccounts.PASSWORD);
        assertThat(browser.findAll(By.cssSelector("article.kpi"))).isEmpty();
        assertThat(browser.find(By.cssSelector("[data-testid=no-figures]")).getText()).contains("No department figure");
        assertThat(browser.findAll(By.xpath("//nav[@aria-label='Main']//a[normalize-space()='Dashboard']"))).isEmpty();
    }

    private void screenshot(String name) {
        try {
            Path dir = Path.of("target/screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
