package org.custodian.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.custodian.privacy.Role;
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
import org.springframework.context.ApplicationContext;

/**
 * Headless Chromium through CDI: the specialist finds the stay on the worklist, builds a sepsis query
 * from the record's lactate and heart rate, the physician answers it from the inbox, the answer is a
 * signed addendum in the chart and the working MS-DRG moves (AHIMA/ACDIS compliant query practice, 2022).
 */
@CustodianTest
@Tag("browser")
class CdiBrowserIT {

    @Autowired ApplicationContext context;
    @Autowired StaffAccounts accounts;

    @RegisterExtension final Browser browser = Browser.eachTest();

    @Test
    void theSpecialistQueriesSepsisThePhysicianAnswersInTheInboxAndTheDrgMoves() {
        Instant admit = CdiFixtures.daysAgo(4); // in house: concurrent review
        CdiFixtures.StayRef[] stay = new CdiFixtures.StayRef[1];
        accounts.runAs(Role.HIM_DIRECTOR, () -> stay[0] = CdiFixtures.of(context).stay("Browser", admit, null, List.of("J18.9"),
                List.of(new CdiFixtures.Lab("2524-7", "Lactate", "4.1", "mmol/L", admit.plusSeconds(3600)),
                        new CdiFixtures.Lab("8867-4", "Heart rate", "121", "/min", admit.plusSeconds(3700)))));
        String mrn = stay[0].patient().mrn();
        long encounter = stay[0].encounterId();

        browser.signIn(accounts.of(Role.CDI_SPECIALIST));
        browser.nav("CDI worklist");
        browser.until(ExpectedConditions.titleContains("CDI worklist"));
        browser.find(By.cssSelector("[data-testid=cdi-filter] input[name=find]")).sendKeys(mrn);
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=cdi-filter] button[type=submit]")));
        By row = By.cssSelector("[data-testid=cdi-worklist] tr[data-encounter='" + encounter + "']");
        assertThat(browser.find(row).getText()).contains(mrn, stay[0].patient().familyName(), "195", "Concurrent");
        assertThat(browser.findAll(By.cssSelector("[data-testid=cdi-worklist] tr[data-encounter='" + encounter + "'] li[data-rule=sepsis]")))
                .hasSize(1);
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=cdi-worklist] a[href='/cdi/cases/" + encounter + "']")));
        String before = browser.find(By.cssSelector("[data-testid=working-drg]")).getText();
        assertThat(before).isEqualTo("195");
        // In house today: a fiscal year with no grouper loaded (FY2027 before v44) shows a provisional working DRG, labelled.
        boolean provisional = !org.custodian.support.HospitalToday.date()
                .isBefore(context.getBean(org.custodian.reimbursement.Grouper.class).coveredUntil());
        assertThat(browser.findAll(By.cssSelector("[data-testid=drg-provisional]"))).hasSize(provisional ? 1 : 0);
        if (provisional) {
            assertThat(browser.find(By.cssSelector("[data-testid=drg-provisional-note]")).getText()).contains("Provisional", "v43");
        }

        new Select(browser.find(By.cssSelector("[data-testid=template-picker] select[name=template]"))).selectByValue("sepsis");
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=template-picker] button[type=submit]")));
        browser.find(By.cssSelector("[data-testid=query-form] input[name=indicator][data-loinc='2524-7']")).click();
        browser.find(By.cssSelector("[data-testid=query-form] input[name=indicator][data-loinc='8867-4']")).click();
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=send-query]")));
        assertThat(browser.find(By.cssSelector("body")).getText()).contains("The query is sent");
        assertThat(browser.find(By.cssSelector("[data-testid=query-indicators]")).getText()).contains("Lactate", "4.1", "Heart rate", "121");
        String queryPath = browser.currentUrl().replaceAll("^https?://[^/]+", "").replaceAll("\\?.*$", "");
        browser.signOut();

        browser.signIn(accounts.of(Role.CLINICIAN));
        browser.nav("My charts to complete");
        browser.until(ExpectedConditions.titleContains("My charts to complete"));
        By item = By.xpath("//table[@data-testid='inbox']//tr[.//a[@href='" + queryPath + "']]");
        assertThat(browser.find(item).getText()).contains(mrn, "Answer documentation query: Sepsis");
        browser.clickAndAwaitNewPage(browser.find(By.xpath("//table[@data-testid='inbox']//a[@href='" + queryPath + "']")));
        assertThat(browser.find(By.cssSelector("body")).getText()).doesNotContain("MS-DRG", "payment");
        browser.find(By.cssSelector("[data-testid=answer-form] input[name=option][value='0']")).click();
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=answer-button]")));
        assertThat(browser.find(By.cssSelector("[data-testid=query-outcome]")).getText()).isEqualTo("agreed");
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=addendum-link]")));
        assertThat(browser.find(By.cssSelector("body")).getText()).contains("Addendum", "Sepsis", "Lactate", StaffAccounts.CLINICIAN_NAME);
        browser.open("/completion/inbox");
        assertThat(browser.findAll(item)).as("answered: off the inbox").isEmpty();
        browser.signOut();

        browser.signIn(accounts.of(Role.CDI_SPECIALIST));
        browser.open("/cdi/cases/" + encounter);
        assertThat(browser.find(By.cssSelector("[data-testid=working-drg]")).getText()).isNotEqualTo(before);
        assertThat(browser.find(By.cssSelector("[data-testid=cdi-queries]")).getText()).contains("agreed");
    }
}
