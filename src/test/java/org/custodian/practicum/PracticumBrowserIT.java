package org.custodian.practicum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The story in headless Chromium: an instructor defines a coding exercise, creates a cohort,
 * enrolls a student and assigns it; the student signs in, sees the TRAINING banner, codes the chart
 * with the type-ahead and submits; the instructor sees the grade. No page may trip the CSP.
 */
@CustodianTest
@Tag("browser")
class PracticumBrowserIT {

    @Autowired StaffDirectory staff;
    @Autowired Practicum practicum;

    @RegisterExtension final Browser browser = Browser.eachTest();

    private String account(Role role) {
        String username = role.name().toLowerCase().substring(0, 3) + "-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(username, "Pat Browser", StaffAccounts.PASSWORD, Set.of(role)));
        return username;
    }

    @Test
    void anInstructorAssignsACodingExerciseAStudentCodesItAndTheInstructorSeesTheGrade() {
        String instructor = account(Role.INSTRUCTOR);
        String student = account(Role.STUDENT);
        String exerciseId = "coding-browser-" + UUID.randomUUID().toString().substring(0, 8);
        String cohortName = "HIT 240 " + exerciseId;
        // The instructor defines a one-chart coding exercise, creates the cohort, enrolls and assigns.
        browser.signIn(instructor);
        browser.nav("Teaching");
        browser.until(ExpectedConditions.titleContains("Teaching"));
        browser.find(By.name("definition")).sendKeys("""
                {"id":"%s","kind":"CODING","title":"Browser coding","instructions":"Code the stay.","seed":8080,"size":1,
                 "planted":{"HOSPITAL_ACQUIRED":1}}""".formatted(exerciseId));
        browser.find(By.xpath("//button[normalize-space()='Save exercise']")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), exerciseId + " saved"));
        browser.find(By.name("name")).sendKeys(cohortName);
        browser.find(By.xpath("//button[normalize-space()='Create']")).click();
        browser.until(ExpectedConditions.titleContains(cohortName));
        browser.find(By.name("students")).sendKeys(student);
        browser.find(By.xpath("//button[normalize-space()='Enroll']")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "1 enrolled"));
        new Select(browser.find(By.name("exerciseId"))).selectByValue(exerciseId);
        browser.find(By.xpath("//button[normalize-space()='Assign to every student']")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "1 workspaces made"));
        String cohortPage = browser.currentUrl();
        browser.signOut();

        // What the student should code: the key, which only the instructor's side can read.
        // The student's own workspace, read as the student (the service refuses anyone else's).
        long workspace = org.custodian.privacy.SystemAccess.call(student, java.util.Set.of(org.custodian.privacy.Permission.PRACTICUM_STUDY),
                () -> practicum.workspacesOf(student).get(0).id());
        // Read as the cohort's own instructor: another instructor's cohorts and keys are out of reach.
        List<KeyEntry> key = org.custodian.privacy.SystemAccess.call(instructor,
                java.util.Set.of(org.custodian.privacy.Permission.PRACTICUM_TEACH), () -> practicum.key(workspace));

        // The student: the TRAINING banner, the exercise, the type-ahead.
        browser.signIn(student);
        browser.nav("Practicum");
        browser.until(ExpectedConditions.titleContains("Practicum"));
        assertThat(browser.find(By.cssSelector("[data-testid=training-banner]")).getText()).contains("TRAINING");
        browser.find(By.linkText("Browser coding")).click();
        browser.until(ExpectedConditions.titleContains("Browser coding"));
        assertThat(browser.find(By.cssSelector("[data-testid=training-banner]")).isDisplayed()).isTrue();
        assertThat(browser.driver().getPageSource()).as("the key never reaches the student's page").doesNotContain("HOSPITAL_ACQUIRED");
        int sdx = 0;
        int px = 0;
        for (KeyEntry k : key) {
            String[] a = k.answer().split(" ");
            switch (a[0]) {
                case "PDX" -> {
                    pick("a.C1.pdx", description(k), a[1]); // by words, as a coder searches
                    browser.find(By.name("a.C1.pdxPoa")).sendKeys(a[2]);
                }
                case "SDX" -> {
                    pick("a.C1.sdx" + sdx, a[1], a[1]); // by code
                    browser.find(By.name("a.C1.sdxPoa" + sdx++)).sendKeys(a[2]);
                }
                case "PX" -> pick("a.C1.px" + px++, description(k), a[1]);
                default -> { }
            }
        }
        browser.find(By.cssSelector("[data-testid=submit]")).click();
        WebElement score = browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=score]")));
        assertThat(score.getText()).isEqualTo("100.0");
        assertThat(browser.findAll(By.cssSelector("[data-testid=unresolved-edits]"))).isEmpty();
        assertThat(browser.find(By.cssSelector("[data-part=C1]")).getText()).contains("principal right");
        browser.signOut();

        // The instructor sees the grade.
        browser.signIn(instructor);
        browser.driver().get(cohortPage);
        browser.until(ExpectedConditions.titleContains(cohortName));
        assertThat(browser.find(By.cssSelector("[data-testid=results] tr[data-student='" + student + "']")).getText())
                .contains(exerciseId, "100.0%");
        assertThat(browser.cspViolations()).isEmpty();
    }

    /** The CMS title the key gives with the code ("J18.9 Pneumonia, unspecified organism: …"). */
    private static String description(KeyEntry k) {
        return k.rule().substring(k.rule().indexOf(' ') + 1, k.rule().indexOf(':'));
    }

    /** Types into the field and clicks the type-ahead's offer of the expected code. */
    private void pick(String field, String words, String code) {
        WebElement input = browser.find(By.name(field));
        input.sendKeys(words);
        By option = By.xpath("//ul[contains(@class,'typeahead')][@data-for='" + field + "']/li[@data-code='"
                + code + "']");
        try {
            browser.until(ExpectedConditions.elementToBeClickable(option)).click();
        } catch (org.openqa.selenium.TimeoutException e) {
            List<String> offered = new ArrayList<>(browser.findAll(By.cssSelector("ul.typeahead li")).stream()
                    .map(WebElement::getText).toList());
            throw new AssertionError("type-ahead for '" + words + "' offered " + offered, e);
        }
        assertThat(input.getAttribute("value")).isEqualTo(code);
    }
}
