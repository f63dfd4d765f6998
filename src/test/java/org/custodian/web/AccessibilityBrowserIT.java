package org.custodian.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.custodian.privacy.Role;
import org.custodian.support.Axe;
import org.custodian.support.Browser;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every page each role can reach by following links from its home page, checked with axe-core
 * (WCAG 2.1 A and AA) in headless Chromium: no serious or critical violation. The crawl follows
 * same-site links (GET only, no downloads), one page per address shape ({@code /patients/12} and
 * {@code /patients/13} are one shape), at most {@value #MAX_PAGES} pages per role. A shape is checked
 * once for all roles (each role's home page for each role): a page looks the same to every role
 * that may open it, and axe-core on every role's copy of a 3,000-row worklist kept CI busy for
 * minutes. Later roles still load those pages, to follow their links.
 */
@CustodianTest
@Tag("browser")
class AccessibilityBrowserIT {

    static final int MAX_PAGES = 60;

    /** Shapes already checked by an earlier role's crawl (the parameterized runs share the class). */
    static final Set<String> CHECKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Addresses that are files, actions or machine interfaces, not pages. */
    static final Pattern NOT_A_PAGE = Pattern.compile(
            "^/(logout|api|fhir|actuator|v3|swagger-ui|webjars|css|js|img)(/.*)?$|\\.(csv|pdf|ndjson|json|png|svg)$|/(packet|certificate|report)$");

    @Autowired StaffAccounts accounts;

    @RegisterExtension final Browser browser = Browser.eachTest();

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"INTERFACE_ENGINE"}, mode = EnumSource.Mode.EXCLUDE)
    void everyPageTheRoleReachesHasNoSeriousOrCriticalViolation(Role role) {
        if (role == Role.ADMIN) {
            browser.signIn("admin", StaffAccounts.ADMIN_PASSWORD);
        } else {
            browser.signIn(accounts.of(role));
        }
        Map<String, List<String>> failures = new LinkedHashMap<>();
        Set<String> shapes = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of("/"));
        List<String> visited = new ArrayList<>();
        while (!queue.isEmpty() && visited.size() < MAX_PAGES) {
            String path = queue.poll();
            if (!shapes.add(shape(path))) {
                continue;
            }
            long started = System.nanoTime();
            browser.open(path);
            settle();
            visited.add(path);
            long loaded = System.nanoTime();
            // One script call for all links: a worklist page holds thousands, and one WebDriver round
            // trip per link made a single page take minutes. Read before axe, which trims long lists.
            @SuppressWarnings("unchecked")
            List<String> hrefs = (List<String>) ((JavascriptExecutor) browser.driver()).executeScript(
                    "return Array.from(document.querySelectorAll('a[href]:not([download])'), a => a.href);");
            for (String href : hrefs) {
                String local = local(href);
                if (local != null && !NOT_A_PAGE.matcher(local.replaceAll("\\?.*$", "")).find() && !shapes.contains(shape(local))) {
                    queue.add(local);
                }
            }
            if (path.equals("/") || CHECKED.add(shape(path))) {
                try {
                    List<String> violations = Axe.seriousViolations(browser.driver());
                    if (!violations.isEmpty()) {
                        failures.put(path, violations);
                    }
                } catch (org.openqa.selenium.TimeoutException e) {
                    // Named, so that the slow page is known (the timeout alone said nothing of which).
                    failures.put(path, List.of("axe-core did not finish within the browser's script timeout"));
                }
            }
            // Which pages are slow, in the test's output: a page that lists thousands of rows should page.
            System.out.printf("axe %s %s: loaded in %d ms, %d links, checked in %d ms%n", role, path,
                    (loaded - started) / 1_000_000, hrefs.size(), (System.nanoTime() - loaded) / 1_000_000);
        }
        assertThat(visited).as("pages crawled for %s", role).isNotEmpty();
        assertThat(failures).as("serious or critical axe-core violations for %s on %d pages %s", role, visited.size(), visited)
                .isEmpty();
    }

    /** Waits until the page and its htmx fragments (the home page's figures) have loaded. */
    private void settle() {
        browser.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState"))
                && Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return document.querySelectorAll('[hx-trigger=\"load\"], .htmx-request').length === 0;")));
    }

    private String local(String href) {
        if (href == null) {
            return null;
        }
        URI base = URI.create(browser.baseUrl());
        URI uri = URI.create(href.replace(" ", "%20"));
        if (uri.getHost() == null || !uri.getHost().equals(base.getHost()) || uri.getPort() != base.getPort()) {
            return null;
        }
        String path = uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** /patients/12?tab=x → /patients/#?tab : one visit per shape. */
    static String shape(String path) {
        String p = path.replaceAll("/\\d+", "/#").replaceAll("/[0-9a-f-]{36}", "/#");
        int q = p.indexOf('?');
        if (q < 0) {
            return p;
        }
        String names = String.join("&", java.util.Arrays.stream(p.substring(q + 1).split("&"))
                .map(kv -> kv.replaceAll("=.*$", "")).sorted().toList());
        return p.substring(0, q) + "?" + names;
    }
}
