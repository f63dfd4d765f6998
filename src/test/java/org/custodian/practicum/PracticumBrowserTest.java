package org.custodian.practicum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.custodian.privacy.Role;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.StaffDirectory;
import org.custodian.support.Api;
import org.custodian.support.Browser;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The story in headless Chromium: an instructor defines a coding exercise, creates a cohort,
 * enrolls a student and assigns it; the student signs in, sees the TRAINING banner, codes the chart
 * with the type-ahead and submits; the instructor sees the grade. No page may trip the CSP.
 */
@CustodianTest
@Tag("browser")
class PracticumBrowserTest {

    @Autowired Api api;
    @Autowired StaffDirectory staff;
    @Autowired Practicum practicum;

    private WebDriver driver;
    private WebDriverWait wait;

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
        try (Browser browser = Browser.start(api.baseUrl())) {
            driver = browser.driver();
            wait = browser.waiter();

            // The instructor defines a one-chart coding exercise, creates the cohort, enrolls and assigns.
            browser.signIn(instructor);
            driver.findElement(By.linkText("Teaching")).click();
            wait.until(ExpectedConditions.titleContains("Teaching"));
            driver.findElement(By.name("definition")).sendKeys("""
                    {"id":"%s","kind":"CODING","title":"Browser coding","instructions":"Code the stay.","seed":8080,"size":1,
                     "planted":{"HOSPITAL_ACQUIRED":1}}""".formatted(exerciseId));
            driver.findElement(By.xpath("//button[normalize-space()='Save exercise']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), exerciseId + " saved"));
            driver.findElement(By.name("name")).sendKeys(cohortName);
            driver.findElement(By.xpath("//button[normalize-space()='Create']")).click();
            wait.until(ExpectedConditions.titleContains(cohortName));
            driver.findElement(By.name("students")).sendKeys(student);
            driver.findElement(By.xpath("//button[normalize-space()='Enroll']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "1 enrolled"));
            new Select(driver.findElement(By.name("exerciseId"))).selectByValue(exerciseId);
            driver.findElement(By.xpath("//button[normalize-space()='Assign to every student']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "1 workspaces made"));
            String cohortPage = driver.getCurrentUrl();
            browser.signOut();

            // What the student should code: the key, which only the instructor's side can read.
            long workspace = practicum.workspacesOf(student).get(0).id();
            List<KeyEntry> key = practicum.key(workspace);

            // The student: the TRAINING banner, the exercise, the type-ahead.
            browser.signIn(student);
            driver.findElement(By.linkText("Practicum")).click();
            wait.until(ExpectedConditions.titleContains("Practicum"));
            assertThat(driver.findElement(By.cssSelector("[data-testid=training-banner]")).getText()).contains("TRAINING");
            driver.findElement(By.linkText("Browser coding")).click();
            wait.until(ExpectedConditions.titleContains("Browser coding"));
            assertThat(driver.findElement(By.cssSelector("[data-testid=training-banner]")).isDisplayed()).isTrue();
            assertThat(driver.getPageSource()).as("the key never reaches the student's page").doesNotContain("HOSPITAL_ACQUIRED");
            int sdx = 0;
            int px = 0;
            for (KeyEntry k : key) {
                String[] a = k.answer().split(" ");
                switch (a[0]) {
                    case "PDX" -> {
                        pick("a.C1.pdx", description(k), a[1]); // by words, as a coder searches
                        driver.findElement(By.name("a.C1.pdxPoa")).sendKeys(a[2]);
                    }
                    case "SDX" -> {
                        pick("a.C1.sdx" + sdx, a[1], a[1]); // by code
                        driver.findElement(By.name("a.C1.sdxPoa" + sdx++)).sendKeys(a[2]);
                    }
                    case "PX" -> pick("a.C1.px" + px++, description(k), a[1]);
                    default -> { }
                }
            }
            driver.findElement(By.cssSelector("[data-testid=submit]")).click();
            WebElement score = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=score]")));
            assertThat(score.getText()).isEqualTo("100.0");
            assertThat(driver.findElements(By.cssSelector("[data-testid=unresolved-edits]"))).isEmpty();
            assertThat(driver.findElement(By.cssSelector("[data-part=C1]")).getText()).contains("principal right");
            browser.signOut();

            // The instructor sees the grade.
            browser.signIn(instructor);
            driver.get(cohortPage);
            wait.until(ExpectedConditions.titleContains(cohortName));
            assertThat(driver.findElement(By.cssSelector("[data-testid=results] tr[data-student='" + student + "']")).getText())
                    .contains(exerciseId, "100.0%");
            assertThat(browser.cspViolations()).isEmpty();
        }
    }

    /** The CMS title the key gives with the code ("J18.9 Pneumonia, unspecified organism: …"). */
    private static String description(KeyEntry k) {
        return k.rule().substring(k.rule().indexOf(' ') + 1, k.rule().indexOf(':'));
    }

    /** Types into the field and clicks the type-ahead's offer of the expected code. */
    private void pick(String field, String words, String code) {
        WebElement input = driver.findElement(By.name(field));
        input.sendKeys(words);
        By option = By.xpath("//input[@name='" + field + "']/following-sibling::ul[contains(@class,'typeahead')]/li[@data-code='"
                + code + "']");
        try {
            wait.until(ExpectedConditions.elementToBeClickable(option)).click();
        } catch (org.openqa.selenium.TimeoutException e) {
            List<String> offered = new ArrayList<>(driver.findElements(By.cssSelector("ul.typeahead li")).stream()
                    .map(WebElement::getText).toList());
            throw new AssertionError("type-ahead for '" + words + "' offered " + offered, e);
        }
        assertThat(input.getAttribute("value")).isEqualTo(code);
    }
}
