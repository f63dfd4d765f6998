package org.custodian.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
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
 * Headless Chromium through CDI's two supervisory pages (AHIMA/ACDIS, Guidelines for Achieving a
 * Compliant Query Practice, 2022 update): the physician advisor's queue of escalated queries, where
 * the advisor records the outcome of talking with the physician; and the lint list the CDI lead keeps
 * as data, where a phrase added refuses queries that use it and a phrase retired no longer does.
 */
@CustodianTest
@Tag("browser")
class CdiAdvisorAndLintBrowserIT {

    @Autowired ApplicationContext context;
    @Autowired StaffAccounts accounts;
    @Autowired CdiQueries queries;
    @Autowired CdiHistory history;
    @Autowired Api api;

    @RegisterExtension final Browser browser = Browser.eachTest();

    /** An in-house stay with a lactate, and a sepsis query to the test clinician sent at {@code sent}. */
    private CdiQueries.Query query(String family, Instant sent) {
        Instant admit = CdiFixtures.daysAgo(5);
        CdiQueries.Query[] q = new CdiQueries.Query[1];
        accounts.runAs(Role.HIM_DIRECTOR, () -> {
            CdiFixtures.StayRef stay = CdiFixtures.of(context).stay(family, admit, null, List.of("J18.9"),
                    List.of(new CdiFixtures.Lab("2524-7", "Lactate", "3.6", "mmol/L", admit.plusSeconds(3600))));
            long lactate = queries.candidates(stay.encounterId()).get(0).resourceId();
            CdiQueries.Template t = queries.templates().stream().filter(x -> x.id().equals("sepsis")).findFirst().orElseThrow();
            q[0] = history.sent(new CdiQueries.NewQuery(stay.encounterId(), t.id(), t.format(), null, t.question(), t.options(),
                    List.of(new CdiQueries.IndicatorRef("Observation", lactate)), null, List.of("sepsis")), sent);
        });
        return q[0];
    }

    @Test
    void theAdvisorFindsTheEscalatedQueryWithPatientPhysicianAndAgeAndRecordsTheOutcome() {
        CdiQueries.Query q = query("Advisor", CdiFixtures.daysAgo(3));
        accounts.runAs(Role.HIM_DIRECTOR, () -> history.escalated(q.id(), CdiFixtures.daysAgo(1)));
        String[] patient = new String[2];
        accounts.runAs(Role.HIM_DIRECTOR, () -> {
            var p = context.getBean(org.custodian.patient.PatientRegistry.class).find(q.patientId()).orElseThrow();
            patient[0] = p.mrn();
            patient[1] = p.familyName();
        });

        browser.signIn(accounts.of(Role.PHYSICIAN_ADVISOR));
        browser.nav("Escalated queries");
        browser.until(ExpectedConditions.titleContains("Physician advisor"));
        browser.pickPatient("patientId", patient[0], patient[0]);
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=advisor-filter] button[type=submit]")));
        By row = By.cssSelector("[data-testid=advisor-queue] tr[data-query='" + q.id() + "']");
        assertThat(browser.find(row).getText()).contains(patient[1], patient[0], StaffAccounts.CLINICIAN_NAME, "sepsis", "unanswered")
                .containsPattern("[234] days");

        By form = By.cssSelector("[data-testid=advisor-queue] tr[data-query='" + q.id() + "'] [data-testid=advisor-review-form]");
        new Select(browser.find(By.cssSelector("[data-testid=advisor-queue] tr[data-query='" + q.id() + "'] select[name=outcome]")))
                .selectByValue("QUERY_SUPPORTED_REMINDED");
        browser.find(By.cssSelector("[data-testid=advisor-queue] tr[data-query='" + q.id() + "'] input[name=note]"))
                .sendKeys("Spoke with the attending; will answer today.");
        browser.clickAndAwaitNewPage(browser.find(form).findElement(By.cssSelector("button[type=submit]")));
        assertThat(browser.find(By.cssSelector("[data-testid=advisor-notice]")).getText()).contains("query " + q.id());
        assertThat(browser.find(By.cssSelector("[data-testid=advisor-queue] tr[data-query='" + q.id() + "'] li[data-outcome]")).getText())
                .contains("Query clinically supported: physician reminded", "will answer today", accounts.of(Role.PHYSICIAN_ADVISOR));

        // Only an escalated query takes an advisor's review; only the advisor (cdi:advise) sees the queue.
        CdiQueries.Query fresh = query("Unescalated", CdiFixtures.daysAgo(1));
        assertThat(api.as(accounts.of(Role.PHYSICIAN_ADVISOR), "POST", "/api/cdi/queries/" + fresh.id() + "/advisor-reviews",
                "{\"outcome\":\"UNABLE_TO_REACH\"}").status()).isEqualTo(409);
        assertThat(api.as(accounts.of(Role.CDI_SPECIALIST), "GET", "/api/cdi/advisor/queries", null).status()).isEqualTo(403);
    }

    @Test
    void theCdiLeadAddsALintPhraseThatRefusesQueriesUntilItIsRetired() {
        String phrase = "per our huddle " + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        CdiQueries.Query base = query("Lint", CdiFixtures.daysAgo(2));
        String body = """
                {"encounterId":%d,"template":"open-ended","question":"Please clarify the lactate below, %s.",
                 "indicators":[{"source":"Observation","id":%d}]}""".formatted(base.encounterId(), phrase.toUpperCase(),
                base.indicators().get(0).sourceId());

        browser.signIn(accounts.of(Role.HIM_DIRECTOR));
        browser.nav("CDI lint list");
        browser.until(ExpectedConditions.titleContains("CDI query lint list"));
        browser.find(By.cssSelector("[data-testid=lint-add] input[name=phrase]")).sendKeys(phrase);
        browser.find(By.cssSelector("[data-testid=lint-add] input[name=reason]")).sendKeys("refers to a conversation, not the record");
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=lint-add] button[type=submit]")));
        By row = By.cssSelector("[data-testid=cdi-lint] tr[data-phrase='" + phrase + "']");
        assertThat(browser.find(row).getText()).contains("Leading phrasing", "active", accounts.of(Role.HIM_DIRECTOR));

        String cdi = accounts.of(Role.CDI_SPECIALIST);
        Api.Response refused = api.as(cdi, "POST", "/api/cdi/queries", body);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("no-leading-phrasing", phrase);
        assertThat(api.as(cdi, "POST", "/api/cdi/lint", "{\"phrase\":\"" + phrase + "\",\"active\":false}").status())
                .as("only the CDI lead edits the list").isEqualTo(403);

        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=cdi-lint] tr[data-phrase='" + phrase
                + "'] [data-testid=lint-toggle] button")));
        assertThat(browser.find(By.cssSelector("[data-testid=cdi-lint] tr[data-phrase='" + phrase + "'] [data-testid=lint-status]"))
                .getText()).isEqualTo("retired");
        Api.Response accepted = api.as(cdi, "POST", "/api/cdi/queries", body);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    }
}
