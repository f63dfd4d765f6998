package org.custodian.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.custodian.privacy.Role;
import org.custodian.support.Browser;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The top bar fits: for the administrator, who sees every work area, at common desktop widths the
 * page does not scroll sideways and "Sign out" is on screen; work areas open as menus, by keyboard too.
 */
@CustodianTest
@Tag("browser")
class NavigationBrowserIT {

    @Autowired StaffAccounts accounts;

    @RegisterExtension final Browser browser = Browser.eachTest();

    @Test
    void theAdministratorsTopBarFitsAt1280And1366And1920PixelsWithSignOutOnScreen() {
        browser.signIn("admin", StaffAccounts.ADMIN_PASSWORD);
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        for (int width : new int[] {1280, 1366, 1920}) {
            browser.driver().manage().window().setSize(new Dimension(width, 900));
            browser.until(d -> ((Number) js.executeScript("return window.innerWidth;")).intValue() > width - 40);
            browser.open("/");
            int scroll = ((Number) js.executeScript("return document.documentElement.scrollWidth;")).intValue();
            int client = ((Number) js.executeScript("return document.documentElement.clientWidth;")).intValue();
            assertThat(scroll).as("page width at %d px (no sideways scroll)", width).isLessThanOrEqualTo(client);
            WebElement signOut = browser.find(By.xpath("//button[normalize-space()='Sign out']"));
            assertThat(signOut.isDisplayed()).isTrue();
            var r = signOut.getRect();
            assertThat(r.getX() + r.getWidth()).as("Sign out's right edge at %d px", width).isLessThanOrEqualTo(client);
            assertThat(r.getY() + r.getHeight()).as("Sign out within the top bar at %d px", width)
                    .isLessThanOrEqualTo(browser.find(By.cssSelector("header.topbar")).getRect().getHeight());
            screenshot("nav-admin-" + width);
            // No more top-level entries than fit a glance.
            assertThat(browser.findAll(By.cssSelector("nav.mainnav > a, nav.mainnav > details"))).hasSizeLessThanOrEqualTo(8);
        }
    }

    @Test
    void aWorkAreaMenuOpensByKeyboardAndLeadsToItsPages() {
        browser.signIn("admin", StaffAccounts.ADMIN_PASSWORD);
        WebElement summary = browser.find(By.xpath("//nav[@aria-label='Main']//summary[normalize-space()='Privacy & audit']"));
        By auditLink = By.xpath("//nav[@aria-label='Main']//a[normalize-space()='Audit log']");
        assertThat(browser.find(auditLink).isDisplayed()).as("closed menu").isFalse();
        summary.sendKeys(Keys.ENTER);
        browser.until(ExpectedConditions.visibilityOfElementLocated(auditLink));
        screenshot("nav-admin-menu-open");
        summary.sendKeys(Keys.ESCAPE);
        browser.until(ExpectedConditions.invisibilityOfElementLocated(auditLink));
        browser.nav("Audit log");
        browser.until(ExpectedConditions.titleContains("Audit log"));
        // The area of the current page is marked in the bar.
        assertThat(browser.find(By.xpath("//nav[@aria-label='Main']//summary[normalize-space()='Privacy & audit']"))
                .getAttribute("class")).contains("active");
        assertThat(browser.cspViolations()).isEmpty();
    }

    /** Keeps what the page looked like under target/screenshots, for a person to look at. */
    private void screenshot(String name) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target/screenshots");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve(name + ".png"),
                    ((org.openqa.selenium.TakesScreenshot) browser.driver()).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
