package org.custodian.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.custodian.interop.FhirBundleImport;
import org.custodian.privacy.Role;
import org.custodian.support.Browser;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue #15, must show: a chart's results tab in headless Chromium — the lab results received
 * over FHIR in a table, and the trend of one test drawn by ECharts — then the vital signs tab.
 */
@CustodianTest
@Tag("browser")
class RecordBrowserIT {

    @Autowired FhirBundleImport imports;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;

    @RegisterExtension final Browser browser = Browser.eachTest();

    @Test
    void theResultsTabShowsTheLabsAndATrendThenTheVitals() {
        String patient = UUID.randomUUID().toString();
        String family = "Results" + patient.substring(0, 6).replaceAll("[0-9-]", "r");
        StringBuilder entries = new StringBuilder("""
                {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"Patient","id":"%1$s",
                 "name":[{"family":"%2$s","given":["Lab"]}],"gender":"female","birthDate":"1960-01-02"}}""".formatted(patient, family));
        String[][] glucose = {{"2024-01-05", "98"}, {"2024-06-05", "131"}, {"2025-01-05", "112"}};
        for (String[] g : glucose) {
            entries.append(",").append("""
                    {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"Observation","id":"%1$s","status":"final",
                     "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
                     "code":{"coding":[{"system":"http://loinc.org","code":"2339-0","display":"Glucose [Mass/volume] in Blood"}]},
                     "subject":{"reference":"urn:uuid:%2$s"},"effectiveDateTime":"%3$sT08:00:00Z",
                     "valueQuantity":{"value":%4$s,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}}}"""
                    .formatted(UUID.randomUUID(), patient, g[0], g[1]));
        }
        entries.append(",").append("""
                {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"Observation","id":"%1$s","status":"final",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"}]},
                 "subject":{"reference":"urn:uuid:%2$s"},"effectiveDateTime":"2025-01-05T08:00:00Z",
                 "valueQuantity":{"value":77,"unit":"/min"}}}""".formatted(UUID.randomUUID(), patient));
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[" + entries + "]}";
        FhirBundleImport.Result[] r = new FhirBundleImport.Result[1];
        accounts.runAs(Role.INTERFACE_ENGINE, () -> r[0] = imports.importContent("labs.json", bundle.getBytes()));
        assertThat(r[0].rejection()).isNull();
        long localId = jdbc.sql("select patient_id from clinical_resource where resource_type = 'Patient' and fhir_id = ?")
                .param(patient).query(Long.class).single();

        browser.signIn(accounts.of(Role.CLINICIAN));
        browser.open("/patients/" + localId);
        browser.clickAndAwaitNewPage(browser.find(By.linkText("Results")));
        browser.until(ExpectedConditions.titleContains("Results"));
        assertThat(browser.find(By.cssSelector("[data-testid=patient-banner]")).getText()).contains(family);
        String table = browser.find(By.cssSelector("[data-testid=record-rows]")).getText();
        assertThat(table).contains("Glucose [Mass/volume] in Blood", "131 mg/dL", "98 mg/dL", "112 mg/dL").doesNotContain("Heart rate");
        browser.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid=trend]"), "data-rendered", "3"));
        assertThat(browser.findAll(By.cssSelector("[data-testid=trend] canvas"))).isNotEmpty();
        assertThat(browser.cspViolations()).isEmpty();

        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=tab-vitals]")));
        browser.until(ExpectedConditions.titleContains("Vital signs"));
        assertThat(browser.find(By.cssSelector("[data-testid=record-rows]")).getText()).contains("Heart rate", "77 /min");
    }
}
