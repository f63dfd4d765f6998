package org.custodian.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
 * Issue 15: the chart's clinical record walked by a coder and by the physician who treats. The coder's
 * problem list leaves out a Part 2 diagnosis (42 CFR 2.13) and says in words what was withheld and
 * why, as it does for the copy of a psychotherapy note someone else wrote (45 CFR 164.508(a)(2)); the
 * physician, the note's author, sees the diagnosis and no such note.
 */
@CustodianTest
@Tag("browser")
class WithheldRecordsBrowserIT {

    @Autowired FhirBundleImport imports;
    @Autowired StaffAccounts accounts;
    @Autowired SensitivityTags tags;
    @Autowired JdbcClient jdbc;

    @RegisterExtension final Browser browser = Browser.eachTest();

    @Test
    void theCoderIsToldWhatWasWithheldAndThePhysicianSeesIt() {
        String patient = UUID.randomUUID().toString();
        String family = "Withheld" + patient.substring(0, 6).replaceAll("[0-9-]", "w");
        String title = "Psychotherapy session " + family;
        accounts.clinicianPractitioner();
        String note = Base64.getEncoder().encodeToString("Session notes.".getBytes(StandardCharsets.UTF_8));
        String bundle = """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"Patient","id":"%1$s",
                  "name":[{"family":"%2$s","given":["Sam"]}],"gender":"male","birthDate":"1979-04-05"}},
                 %3$s, %4$s,
                 {"fullUrl":"urn:uuid:%5$s","resource":{"resourceType":"DocumentReference","id":"%5$s","status":"current",
                  "type":{"coding":[{"system":"http://loinc.org","code":"11506-3"}],"text":"%6$s"},
                  "subject":{"reference":"urn:uuid:%1$s"},"date":"2025-02-03T15:00:00Z","author":[{"display":"%7$s"}],
                  "content":[{"attachment":{"contentType":"text/plain","data":"%8$s"}}]}}
                ]}""".formatted(patient, family, condition(patient, "F11.20", "Opioid dependence, uncomplicated"),
                condition(patient, "I10", "Essential (primary) hypertension"), UUID.randomUUID(), title,
                StaffAccounts.CLINICIAN_NAME, note);
        FhirBundleImport.Result[] r = new FhirBundleImport.Result[1];
        accounts.runAs(Role.INTERFACE_ENGINE, () -> r[0] = imports.importContent("withheld.json", bundle.getBytes(StandardCharsets.UTF_8)));
        assertThat(r[0].rejection()).isNull();
        long localId = jdbc.sql("select patient_id from clinical_resource where resource_type = 'Patient' and fhir_id = ?")
                .param(patient).query(Long.class).single();
        long document = jdbc.sql("select id from clinical_document where patient_id = ? and title = ?").params(localId, title)
                .query(Long.class).single();
        accounts.runAs(Role.HIM_DIRECTOR, () -> tags.tagDocument(document, Sensitivity.PSYCHOTHERAPY_NOTES));

        browser.signIn(accounts.of(Role.CODER));
        browser.open("/patients/" + localId);
        assertThat(browser.find(By.tagName("main")).getText()).as("the coder's chart").contains(family).doesNotContain(title);
        browser.clickAndAwaitNewPage(browser.find(By.linkText("Problems")));
        browser.until(ExpectedConditions.titleContains("Problems"));
        assertThat(browser.find(By.cssSelector("[data-testid=patient-banner]")).getText()).contains(family);
        assertThat(browser.find(By.cssSelector("[data-testid=record-rows]")).getText())
                .contains("Essential (primary) hypertension").doesNotContain("Opioid");
        assertThat(browser.find(By.cssSelector("[data-testid=withheld-records]")).getText())
                .contains("1 record withheld: Substance use disorder treatment (42 CFR Part 2)",
                        "1 record withheld: Psychotherapy notes (45 CFR 164.508(a)(2))")
                .doesNotContain("SUBSTANCE_USE_DISORDER", "PSYCHOTHERAPY_NOTES");
        browser.signOut();

        browser.signIn(accounts.of(Role.CLINICIAN));
        browser.open("/patients/" + localId);
        assertThat(browser.find(By.tagName("main")).getText()).as("the author's chart").contains(title);
        browser.clickAndAwaitNewPage(browser.find(By.linkText("Problems")));
        browser.until(ExpectedConditions.titleContains("Problems"));
        assertThat(browser.find(By.cssSelector("[data-testid=record-rows]")).getText())
                .contains("Opioid dependence, uncomplicated", "Essential (primary) hypertension");
        assertThat(browser.findAll(By.cssSelector("[data-testid=withheld-records]"))).as("nothing withheld from the author").isEmpty();
    }

    private static String condition(String patient, String code, String display) {
        return """
                {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"Condition","id":"%1$s",
                  "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                  "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"%2$s","display":"%3$s"}]},
                  "subject":{"reference":"urn:uuid:%4$s"},"onsetDateTime":"2025-01-10T10:00:00Z"}}"""
                .formatted(UUID.randomUUID(), code, display, patient);
    }
}
