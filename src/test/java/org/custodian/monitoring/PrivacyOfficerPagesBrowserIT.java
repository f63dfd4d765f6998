package org.custodian.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.custodian.chart.ChartService;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.ConfidentialityFlags;
import org.custodian.privacy.Role;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.StaffDirectory;
import org.custodian.support.Browser;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Headless Chromium: the privacy officer's pages over what was API-only — a patient's confidentiality
 * flags (45 CFR 164.312(a)(2)(ii)), the monitoring rules (164.308(a)(1)(ii)(D)) and the patient's
 * access report with its PDF letter.
 */
@CustodianTest
@Tag("browser")
class PrivacyOfficerPagesBrowserIT {

    @Autowired StaffAccounts accounts;
    @Autowired StaffDirectory staff;
    @Autowired PatientRegistry patients;
    @Autowired ConfidentialityFlags flags;
    @Autowired PrivacyMonitoring monitoring;
    @Autowired ChartService charts;

    @RegisterExtension final Browser browser = Browser.eachTest();

    private Patient patient(String given, String family) {
        Patient[] p = new Patient[1];
        accounts.runAs(Role.HIM_DIRECTOR, () -> p[0] = patients.register(new NewPatient(null, null, given, null, family,
                LocalDate.of(1968, 2, 9), AdministrativeSex.M, null, null, null, null)));
        return p[0];
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
    }

    /** Break-the-glass on a VIP set in the UI: a clinician without a care relationship must give a reason. */
    @Test
    void thePrivacyOfficerSetsAVipFlagOnThePatientsPageAndAClinicianIsThenAskedForAReason() {
        String family = unique("Anchor");
        Patient vip = patient("Victor", family);
        String clinician = "flag-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(clinician, "Dr. Flag", StaffAccounts.PASSWORD, Set.of(Role.CLINICIAN)));

        // Before the flag the clinician opens the chart as any other.
        browser.signIn(clinician);
        browser.open("/patients/" + vip.id());
        browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=demographics]")));
        assertThat(browser.findAll(By.cssSelector("[data-testid=confidentiality-link]"))).isEmpty();
        // Flags are the privacy officer's (privacy:manage): the page is refused to a clinician.
        browser.open("/patients/" + vip.id() + "/confidentiality");
        assertThat(browser.findAll(By.cssSelector("[data-testid=flag-form]"))).isEmpty();
        assertThat(browser.find(By.tagName("body")).getText()).doesNotContain(vip.mrn());
        browser.signOut();

        String officer = accounts.of(Role.PRIVACY_OFFICER);
        browser.signIn(officer);
        browser.open("/patients/" + vip.id());
        assertThat(browser.find(By.cssSelector("[data-testid=active-flags]")).getText()).contains("no flag");
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=confidentiality-link]")));
        assertThat(browser.find(By.cssSelector("[data-testid=flags-patient]")).getText()).contains(family).contains(vip.mrn());
        assertThat(browser.find(By.cssSelector("[data-testid=no-flags]")).getText()).contains("no confidentiality flag");
        // The kinds in words, not codes.
        Select kind = new Select(browser.find(By.cssSelector("[data-testid=flag-kind]")));
        assertThat(kind.getOptions().stream().map(o -> o.getText()).toList()).anyMatch(t -> t.startsWith("Employee"));
        kind.selectByValue("VIP");
        browser.find(By.cssSelector("[data-testid=flag-reason]")).sendKeys("Local news anchor, admitted under his own name");
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=flag-button]")));
        String table = browser.find(By.cssSelector("[data-testid=flags]")).getText();
        assertThat(table).contains("Local news anchor").contains(officer).contains("Active");
        List<ConfidentialityFlags.Flag> set = flags.of(vip.id());
        assertThat(set).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo("VIP");
            assertThat(f.setBy()).isEqualTo(officer);
            assertThat(f.active()).isTrue();
        });
        browser.signOut();

        // Now the same clinician, with no care relationship, is asked why before the chart opens.
        browser.signIn(clinician);
        browser.open("/patients/" + vip.id());
        browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=break-glass-form]")));
        assertThat(browser.find(By.cssSelector("[data-testid=break-glass-patient]")).getText()).contains(family);
        assertThat(browser.findAll(By.cssSelector("[data-testid=demographics]"))).isEmpty();
        browser.signOut();

        // The privacy officer clears it (a reason again), from the break-the-glass page the flag now sends them to.
        browser.signIn(officer);
        browser.open("/patients/" + vip.id());
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=confidentiality-link]")));
        long id = set.get(0).id();
        browser.find(By.cssSelector("[data-testid=clear-reason-" + id + "]")).sendKeys("Discharged; no longer in the news");
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=clear-button-" + id + "]")));
        assertThat(browser.find(By.cssSelector("[data-testid=flag-" + id + "]")).getText())
                .contains("Cleared by " + officer).contains("no longer in the news");
        assertThat(flags.of(vip.id()).get(0).active()).isFalse();
        browser.signOut();

        browser.signIn(clinician);
        browser.open("/patients/" + vip.id());
        browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=demographics]")));
    }

    @Test
    void thePrivacyOfficerEditsARulesWeightAndTurnsItOff() {
        PrivacyMonitoring.RulePrecision[] before = new PrivacyMonitoring.RulePrecision[1];
        accounts.runAs(Role.PRIVACY_OFFICER, () -> before[0] = rule("OFF_HOURS"));
        try {
            browser.signIn(accounts.of(Role.PRIVACY_OFFICER));
            browser.nav("Monitoring rules");
            String row = browser.find(By.cssSelector("[data-testid=rule-OFF_HOURS]")).getText();
            assertThat(row).contains("Off-hours").contains("outside working hours");
            assertThat(browser.find(By.cssSelector("[data-testid=rule-SELF_ACCESS]")).getText()).contains("Self-access");
            var weight = browser.find(By.cssSelector("[data-testid=weight-OFF_HOURS]"));
            weight.clear();
            weight.sendKeys("22");
            var enabled = browser.find(By.cssSelector("[data-testid=enabled-OFF_HOURS]"));
            assertThat(enabled.isSelected()).isEqualTo(before[0].enabled());
            if (enabled.isSelected()) {
                enabled.click();
            }
            browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=save-OFF_HOURS]")));
            assertThat(browser.find(By.tagName("body")).getText()).contains("Rule saved: Off-hours, weight 22, off.");
            assertThat(browser.find(By.cssSelector("[data-testid=weight-OFF_HOURS]")).getAttribute("value")).isEqualTo("22");
            assertThat(browser.find(By.cssSelector("[data-testid=enabled-OFF_HOURS]")).isSelected()).isFalse();
            accounts.runAs(Role.PRIVACY_OFFICER, () -> {
                assertThat(rule("OFF_HOURS").weight()).isEqualTo(22);
                assertThat(rule("OFF_HOURS").enabled()).isFalse();
            });

            // A weight out of range is refused with the field named, and nothing changes.
            weight = browser.find(By.cssSelector("[data-testid=weight-OFF_HOURS]"));
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].removeAttribute('max')", weight);
            weight.clear();
            weight.sendKeys("5000");
            browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=save-OFF_HOURS]")));
            assertThat(browser.find(By.tagName("body")).getText()).contains("weight: 0 to 1000");
            accounts.runAs(Role.PRIVACY_OFFICER, () -> assertThat(rule("OFF_HOURS").weight()).isEqualTo(22));
        } finally {
            accounts.runAs(Role.PRIVACY_OFFICER, () -> monitoring.setRule("OFF_HOURS", before[0].weight(), before[0].enabled()));
        }
    }

    private PrivacyMonitoring.RulePrecision rule(String code) {
        return monitoring.rules().stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void thePrivacyOfficerPicksAPatientSeesWhoOpenedTheRecordAndDownloadsTheLetter() {
        String family = unique("Reportee");
        Patient p = patient("Rita", family);
        String reader = "reader-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(reader, "Dr. Reader", StaffAccounts.PASSWORD, Set.of(Role.CLINICIAN)));
        browser.signIn(reader);
        browser.open("/patients/" + p.id());
        browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=demographics]")));
        browser.signOut();

        browser.signIn(accounts.of(Role.PRIVACY_OFFICER));
        browser.nav("Patient access report");
        browser.pickPatient("patientId", family, p.mrn());
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=show-report]")));
        assertThat(browser.find(By.cssSelector("[data-testid=report-patient]")).getText()).contains(family).contains(p.mrn());
        String lines = browser.find(By.cssSelector("[data-testid=report-lines]")).getText();
        assertThat(lines).contains(reader).contains("Clinician");

        String href = browser.find(By.cssSelector("[data-testid=report-pdf]")).getAttribute("href");
        assertThat(href).contains("patientId=" + p.id());
        Object head = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done(r.status + ' ' + r.headers.get('content-type') + ' '
                    + String.fromCharCode(...new Uint8Array(b).slice(0, 5)))));""", href);
        assertThat(head).isEqualTo("200 application/pdf %PDF-");
    }
}
