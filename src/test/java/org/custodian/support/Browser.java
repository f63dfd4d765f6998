package org.custodian.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Headless Debian Chromium for the browser tests: one throw-away profile per browser, the console
 * log kept so a test can check that no page tripped the Content Security Policy, and the sign-in
 * and sign-out every test does. A browser test registers one per test,
 * <pre>{@code @RegisterExtension final Browser browser = Browser.eachTest();}</pre>
 * which starts Chromium against the test server before each test and quits it after, pass or fail;
 * or, outside such a test, uses {@link #start(String)} with try-with-resources. A missing Chromium
 * fails the test (it is not skipped): a browser test that silently does not run proves nothing.
 */
public final class Browser implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** How long to wait for a page: the CI machine is a shared 2-core one. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Duration timeout;
    // Set while Chromium runs: from start(), or from beforeEach() to afterEach() for eachTest().
    private String baseUrl;
    private Path profile;
    private WebDriver driver;
    private WebDriverWait wait;

    private Browser(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * For {@code @RegisterExtension} in a {@code @CustodianTest}: before each test, a fresh Chromium
     * against that test's server (the port of its Spring context); after it, Chromium quits.
     */
    public static Browser eachTest() {
        return new Browser(TIMEOUT);
    }

    /** A browser against the test server at {@code baseUrl}, started now; close it when done. */
    public static Browser start(String baseUrl) {
        return start(baseUrl, TIMEOUT);
    }

    public static Browser start(String baseUrl, Duration timeout) {
        Browser browser = new Browser(timeout);
        browser.launch(baseUrl);
        return browser;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        launch(SpringExtension.getApplicationContext(context).getBean(Api.class).baseUrl());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (context.getExecutionException().isPresent() && driver != null) {
                System.out.println(whereItStopped(context.getRequiredTestClass().getSimpleName() + "."
                        + context.getRequiredTestMethod().getName()));
            }
        } finally {
            close();
        }
    }

    /**
     * What the browser showed when a test failed (its address, title and the page's text, and a
     * screenshot under target/screenshots/failed): a timeout alone does not say which page answered.
     */
    private String whereItStopped(String test) {
        StringBuilder s = new StringBuilder("== the browser when " + test + " failed\n");
        try {
            s.append("address: ").append(driver.getCurrentUrl()).append("\ntitle: ").append(driver.getTitle()).append('\n');
            String text = driver.findElement(By.tagName("body")).getText();
            s.append(text, 0, Math.min(text.length(), 3000)).append('\n');
            byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            Path dir = Files.createDirectories(Path.of("target", "screenshots", "failed"));
            Path file = dir.resolve(test.replaceAll("[^A-Za-z0-9]+", "-") + ".png");
            Files.write(file, png);
            s.append("screenshot: ").append(file.toAbsolutePath()).append('\n');
        } catch (IOException | RuntimeException e) {
            s.append("(the browser could not say: ").append(e).append(")\n");
        }
        return s.toString();
    }

    private void launch(String baseUrl) {
        if (driver != null) {
            throw new IllegalStateException("this browser is already running");
        }
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("Browser tests need Debian's Chromium and ChromeDriver at " + CHROMIUM
                    + " and " + CHROMEDRIVER + ": apt-get install chromium chromium-driver");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("custodian-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + dir, "--window-size=1400,1000");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        try {
            this.driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
        this.baseUrl = baseUrl;
        this.profile = dir;
        // A condition that finds by locator can catch a page mid-navigation: the element it found is
        // replaced before it is read. That is "not yet", never a failure.
        this.wait = new WebDriverWait(driver, timeout);
        this.wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    public WebDriver driver() {
        return running().driver;
    }

    public WebDriverWait waiter() {
        return running().wait;
    }

    public String baseUrl() {
        return running().baseUrl;
    }

    /** The element on the current page, as {@link WebDriver#findElement}: fails at once when it is not there. */
    public WebElement find(By by) {
        return driver().findElement(by);
    }

    /** Every such element on the current page, perhaps none. */
    public List<WebElement> findAll(By by) {
        return driver().findElements(by);
    }

    /**
     * Clicks {@code control}, which submits a form or follows a link, and waits until the browser
     * shows the page that answered: the old page's root has gone and the new one has loaded. Waiting
     * for an element instead can match the old page, which then goes stale under the test.
     */
    public void clickAndAwaitNewPage(WebElement control) {
        // The old page is marked in its window object, which a new document does not inherit. (Waiting
        // for the old root element to go stale failed under load: mid-navigation Chrome answered that
        // node with "does not belong to the document", not as stale.)
        String mark = java.util.UUID.randomUUID().toString();
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) driver();
        js.executeScript("window.__custodianOldPage = arguments[0];", mark);
        control.click();
        WebDriverWait navigation = new WebDriverWait(driver(), timeout);
        // While the page changes a script may fail in any way the driver has: that is "not yet".
        navigation.ignoring(org.openqa.selenium.WebDriverException.class);
        navigation.until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return window.__custodianOldPage !== arguments[0] && document.readyState === 'complete';", mark)));
    }

    /** Waits up to the browser's timeout for {@code condition} and returns what it gave. */
    public <T> T until(ExpectedCondition<T> condition) {
        return waiter().until(condition);
    }

    /**
     * Follows the main navigation's entry {@code label}: a link in the top bar, or inside a work
     * area's menu, which is opened first (as a person would) and must then show the entry.
     */
    public void nav(String label) {
        By link = By.xpath("//nav[@aria-label='Main']//a[normalize-space()='" + label + "']");
        WebElement a = find(link);
        if (!a.isDisplayed()) {
            find(By.xpath("//nav[@aria-label='Main']//details[.//a[normalize-space()='" + label + "']]/summary")).click();
            until(ExpectedConditions.visibilityOfElementLocated(link));
        }
        until(ExpectedConditions.elementToBeClickable(link)).click();
    }

    /**
     * Chooses a patient in the patient picker whose hidden field is {@code field}: types {@code find}
     * (a name, MRN or date of birth), waits for the choice showing {@code mrn}, clicks it, and waits
     * until the picker holds that patient.
     */
    public void pickPatient(String field, String find, String mrn) {
        WebElement box = find(By.id("picker-" + field + "-find"));
        box.clear();
        box.sendKeys(find);
        By choice = By.xpath("//div[@id='picker-" + field + "-results']//button[@data-pick][.//*[@data-pick-mrn][normalize-space()='MRN " + mrn + "']]");
        until(ExpectedConditions.elementToBeClickable(choice)).click();
        until(ExpectedConditions.textToBePresentInElementLocated(
                By.xpath("//input[@id='picker-" + field + "-find']/ancestor::*[@data-picker][1]//*[@data-picker-chosen]"), "MRN " + mrn));
    }

    /** The address of the current page. */
    public String currentUrl() {
        return driver().getCurrentUrl();
    }

    private Browser running() {
        if (driver == null) {
            throw new IllegalStateException("the browser is not running: register it with @RegisterExtension "
                    + "Browser.eachTest() or use Browser.start(baseUrl)");
        }
        return this;
    }

    /** Opens {@code path} (starting with /) on the test server. */
    public void open(String path) {
        driver().get(baseUrl() + path);
    }

    /** Signs in on the login page and waits until the header names the user. */
    public void signIn(String username) {
        signIn(username, StaffAccounts.PASSWORD);
    }

    public void signIn(String username, String password) {
        open("/login");
        find(By.name("username")).sendKeys(username);
        find(By.name("password")).sendKeys(password);
        find(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=username]"), username));
    }

    /** Signs out with the header's button and waits for the login page's message. */
    public void signOut() {
        find(By.xpath("//button[normalize-space()='Sign out']")).click();
        until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=login-message]"),
                "You have signed out."));
    }

    /** Messages in the browser's console saying the Content Security Policy blocked something. */
    public List<String> cspViolations() {
        WebDriver running = driver(); // not running is the test's mistake, not an empty console
        try {
            return running.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::getMessage)
                    .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to"))
                    .toList();
        } catch (RuntimeException logsNotSupported) {
            return List.of();
        }
    }

    /** Everything in the browser's console, for a failure message. */
    public List<String> console() {
        WebDriver running = driver();
        try {
            return running.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
        } catch (RuntimeException logsNotSupported) {
            return List.of();
        }
    }

    /** Quits Chromium and deletes its profile; nothing to do when it is not running. */
    @Override
    public void close() {
        if (driver == null) {
            return;
        }
        try {
            driver.quit();
        } finally {
            delete(profile);
            driver = null;
            wait = null;
            profile = null;
            baseUrl = null;
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless
        }
    }
}
