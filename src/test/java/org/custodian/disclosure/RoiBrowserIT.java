package org.custodian.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.custodian.chart.ChartService;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewDocument;
import org.custodian.chart.NewEncounter;
import org.custodian.chart.Sensitivity;
import org.custodian.chart.SensitivityTags;
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
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Headless Chromium: an ROI specialist works one request from intake to the PDF packet — records a
 * third party's request with a general authorization, sees the checks pass, releases, and opens the
 * packet, whose text (read back with PDFBox) has the released record and says what was withheld (a
 * Part 2 record) and why. The browser is {@link org.custodian.support.Browser}.
 */
@CustodianTest
@Tag("browser")
class RoiBrowserIT {

    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired SensitivityTags tags;

    @RegisterExtension final Browser browser = Browser.eachTest();

    @Test
    void anRoiSpecialistWorksARequestFromIntakeToThePdfPacket() throws Exception {
        String family = TestPatients.uniqueName("Packet");
        Patient[] patient = new Patient[1];
        accounts.runAs(Role.CLINICIAN, () -> {
            patient[0] = patients.register(TestPatients.newPatient("Nora", family, LocalDate.of(1972, 9, 14)));
            Instant admit = Instant.now().minus(20, ChronoUnit.DAYS);
            long encounter = charts.record(new NewEncounter(patient[0].id(), null, EncounterClass.INPATIENT, admit,
                    admit.plus(4, ChronoUnit.DAYS), "Dr. Ross", "Medicine", null)).id();
            charts.file(new NewDocument(patient[0].id(), encounter, DocumentType.DISCHARGE_SUMMARY, "Discharge summary",
                    "Dr. Ross", "Cellulitis of the left leg, resolved on cefazolin.", DocumentStatus.SIGNED,
                    admit.plus(4, ChronoUnit.DAYS), "Dr. Ross", admit.plus(4, ChronoUnit.DAYS)));
            long sud = charts.file(new NewDocument(patient[0].id(), encounter, DocumentType.CONSULT_NOTE, "Addiction medicine consult",
                    "Dr. Kim", "Opioid use disorder; buprenorphine induction.", DocumentStatus.SIGNED,
                    admit.plus(2, ChronoUnit.DAYS), "Dr. Kim", admit.plus(2, ChronoUnit.DAYS))).id();
            tags.tagDocument(sud, Sensitivity.SUBSTANCE_USE_DISORDER);
        });
        String specialist = accounts.of(Role.ROI_SPECIALIST);

        browser.signIn(specialist);
        browser.nav("Release of information");
        browser.until(ExpectedConditions.titleContains("Release of information"));
        browser.find(By.linkText("New request")).click();
        browser.until(ExpectedConditions.titleContains("New ROI request"));

        // Intake: a life insurer with the patient's general authorization.
        // The patient by name in the picker (no database id to know), confirmed by the MRN shown.
        browser.pickPatient("patientId", family, patient[0].mrn());
        new Select(browser.find(By.name("requesterType"))).selectByValue("THIRD_PARTY");
        type("requesterName", "Harbor Life Insurance");
        type("requesterAddress", "PO Box 12, Hartford CT");
        type("purpose", "Life insurance underwriting");
        browser.find(By.name("authReceived")).click();
        type("authDescription", "Discharge summaries and consults of the 2026 admission");
        type("authDiscloser", "Custodian Demonstration Hospital");
        type("authRecipient", "Harbor Life Insurance");
        type("authPurpose", "Underwriting");
        setDate("authExpiresOn", org.custodian.support.HospitalToday.date().plusYears(1));
        type("authSignedBy", "Nora " + family);
        setDate("authSignedOn", org.custodian.support.HospitalToday.date().minusDays(2));
        browser.find(By.xpath("//button[normalize-space()='Record request']")).click();

        // The request: its clock, and the checks pass.
        WebElement number = browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=request-number]")));
        String requestNumber = number.getText();
        assertThat(requestNumber).startsWith("ROI-");
        assertThat(browser.find(By.cssSelector("[data-testid=due]")).getText())
                .contains(String.format("%1$tm/%1$td/%1$tY", org.custodian.support.HospitalToday.date().plusDays(30)));
        assertThat(browser.find(By.cssSelector("[data-testid=checks-passed]")).getText()).contains("pass");

        // It shows on the worklist.
        browser.nav("Release of information");
        browser.until(ExpectedConditions.titleContains("Release of information"));
        WebElement link = browser.find(By.linkText(requestNumber));
        assertThat(browser.find(By.cssSelector("[data-testid=roi-worklist]")).getText()).contains("Harbor Life Insurance");
        link.click();

        // Release.
        browser.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=release-button]"))).click();
        WebElement withheld = browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=withheld]")));
        assertThat(withheld.getText()).contains("Addiction medicine consult", "42 CFR 2.31");
        assertThat(browser.find(By.cssSelector("[data-testid=request-status]")).getText()).isEqualTo("Released");

        // The packet, fetched with the browser's session and read back with PDFBox.
        String href = browser.find(By.cssSelector("[data-testid=packet-link]")).getAttribute("href");
        Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", "JSESSIONID=" + session.getValue()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(requestNumber, "Harbor Life Insurance", "Cellulitis of the left leg",
                    "Withheld (1)", "Addiction medicine consult", "42 CFR 2.31", "Page 1 of " + doc.getNumberOfPages());
            assertThat(text).doesNotContain("buprenorphine");
        }
        assertThat(browser.cspViolations()).isEmpty();
    }

    private void type(String name, String text) {
        browser.find(By.name(name)).sendKeys(text);
    }

    /** Date inputs take their ISO value directly: typing into them depends on the browser's locale. */
    private void setDate(String name, LocalDate date) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];",
                browser.find(By.name(name)), date.toString());
    }
}
