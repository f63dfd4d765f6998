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
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium for the browser tests: one throw-away profile per browser, the console
 * log kept so a test can check that no page tripped the Content Security Policy, and the sign-in
 * and sign-out every test does. Use in {@code @BeforeEach}/{@code @AfterEach} or try-with-resources.
 * A missing Chromium fails the test (it is not skipped): a browser test that silently does not run
 * proves nothing.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final String baseUrl;
    private final Path profile;
    private final WebDriver driver;
    private final WebDriverWait wait;

    private Browser(String baseUrl, Path profile, WebDriver driver, Duration timeout) {
        this.baseUrl = baseUrl;
        this.profile = profile;
        this.driver = driver;
        this.wait = new WebDriverWait(driver, timeout);
    }

    /** A browser against the test server at {@code baseUrl}; waits up to 30 s, as the CI machine is a shared 2-core one. */
    public static Browser start(String baseUrl) {
        return start(baseUrl, Duration.ofSeconds(30));
    }

    public static Browser start(String baseUrl, Duration timeout) {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("Browser tests need Debian's Chromium and ChromeDriver at " + CHROMIUM
                    + " and " + CHROMEDRIVER + ": apt-get install chromium chromium-driver");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("custodian-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1400,1000");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        try {
            return new Browser(baseUrl, profile, new ChromeDriver(service, options), timeout);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public WebDriverWait waiter() {
        return wait;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Opens {@code path} (starting with /) on the test server. */
    public void open(String path) {
        driver.get(baseUrl + path);
    }

    /** Signs in on the login page and waits until the header names the user. */
    public void signIn(String username) {
        signIn(username, StaffAccounts.PASSWORD);
    }

    public void signIn(String username, String password) {
        driver.get(baseUrl + "/login");
        driver.findElement(By.name("username")).sendKeys(username);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=username]"), username));
    }

    /** Signs out with the header's button and waits for the login page's message. */
    public void signOut() {
        driver.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=login-message]"),
                "You have signed out."));
    }

    /** Messages in the browser's console saying the Content Security Policy blocked something. */
    public List<String> cspViolations() {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::getMessage)
                    .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to"))
                    .toList();
        } catch (RuntimeException logsNotSupported) {
            return List.of();
        }
    }

    /** Everything in the browser's console, for a failure message. */
    public List<String> console() {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
        } catch (RuntimeException logsNotSupported) {
            return List.of();
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
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
