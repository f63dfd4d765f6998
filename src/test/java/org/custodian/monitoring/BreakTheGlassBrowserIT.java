package org.custodian.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Headless Chromium: a clinician opens a VIP's chart, is asked for a reason, breaks the glass and reads
 * the chart; the privacy officer finds the access on the review queue and records the outcome
 * (45 CFR 164.312(a)(2)(ii)).
 */
@CustodianTest
@Tag("browser")
class BreakTheGlassBrowserIT {

    @Autowired StaffAccounts accounts;
    @Autowired StaffDirectory staff;
    @Autowired PatientRegistry patients;
    @Autowired ConfidentialityFlags flags;

    @RegisterExtension final Browser browser = Browser.eachTest();

    @Test
    void aClinicianBreaksTheGlassOnAVipChartAndThePrivacyOfficerReviewsIt() {
        String family = "Celebrity" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        Patient[] vip = new Patient[1];
        accounts.runAs(Role.HIM_DIRECTOR, () -> vip[0] = patients.register(new NewPatient(null, null, "Vera", null, family,
                LocalDate.of(1975, 4, 4), AdministrativeSex.F, null, null, null, null)));
        accounts.runAs(Role.PRIVACY_OFFICER, () -> flags.set(vip[0].id(), "VIP", "Film star admitted under her own name"));
        String clinician = "btg-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(clinician, "Dr. Glass", StaffAccounts.PASSWORD, Set.of(Role.CLINICIAN)));

        browser.signIn(clinician);
        browser.open("/patients/" + vip[0].id());
        browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=break-glass-form]")));
        assertThat(browser.find(By.cssSelector("[data-testid=break-glass-patient]")).getText())
                .contains(family).contains(vip[0].mrn());
        new Select(browser.find(By.cssSelector("[data-testid=purpose]"))).selectByValue("ETREAT");
        browser.find(By.cssSelector("[data-testid=reason]")).sendKeys("Collapsed in the lobby, brought to the ED");
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=break-glass-button]")));
        assertThat(browser.currentUrl()).endsWith("/patients/" + vip[0].id());
        assertThat(browser.find(By.tagName("body")).getText()).contains(family);
        browser.signOut();

        browser.signIn(accounts.of(Role.PRIVACY_OFFICER));
        browser.nav("Break-the-glass reviews");
        browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=review-queue]")));
        var row = browser.find(By.xpath("//table[@data-testid='review-queue']//tr[.//td[contains(., '" + clinician + "')]]"));
        assertThat(row.getText()).contains(family).contains(vip[0].mrn()).contains("ETREAT").contains("Collapsed in the lobby");
        String grant = row.getAttribute("data-testid").substring("review-".length());
        new Select(browser.find(By.cssSelector("[data-testid=outcome-" + grant + "]"))).selectByValue("INAPPROPRIATE_EDUCATION");
        browser.find(By.cssSelector("[data-testid=note-" + grant + "]")).sendKeys("Not on the care team; privacy refresher");
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=review-button-" + grant + "]")));
        assertThat(browser.find(By.cssSelector("[data-testid=outcome-of-" + grant + "]")).getText())
                .contains("Inappropriate: education").contains("privacy refresher");
        assertThat(browser.findAll(By.cssSelector("[data-testid=review-" + grant + "]"))).isEmpty();
    }
}
