package org.custodian.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Runs axe-core (vendored under src/test/resources/axe with its provenance) on the page the
 * browser shows, against WCAG 2.1 A and AA, and returns the violations of impact serious or
 * critical, each as "rule (impact): help — selector of each node".
 */
public final class Axe {

    private static final String SOURCE = load();

    private Axe() {
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe-core is missing from src/test/resources/axe");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Serious and critical violations on the current page. Rows of a table and items of a list after
     * the 25th are removed from the page first: they repeat the template of the first, and axe-core
     * on a 3,000-row worklist took minutes a page (excluding them by selector was no faster: axe-core
     * still walks every node). The page is changed, so read what else is needed from it before.
     */
    @SuppressWarnings("unchecked")
    public static List<String> seriousViolations(WebDriver driver) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe !== 'undefined';"))) {
            js.executeScript(SOURCE);
        }
        // replaceChildren: one mutation a list (removing rows one by one re-matched every row's
        // nth-child style each time, and timed out on a 3,000-row page under load).
        js.executeScript("document.querySelectorAll('tbody, ul, ol').forEach(function (list) {"
                + " if (list.children.length > 25) { list.replaceChildren.apply(list, Array.prototype.slice.call(list.children, 0, 25)); } });");
        Object result = js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document,
                        {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                                   resultTypes: ['violations']})
                   .then(function (r) { done(r.violations.map(function (v) {
                        return {id: v.id, impact: v.impact, help: v.help,
                                nodes: v.nodes.map(function (n) { return n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' '); })};
                   })); })
                   .catch(function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]); });
                """);
        List<String> out = new ArrayList<>();
        for (Object o : (List<Object>) result) {
            Map<String, Object> v = (Map<String, Object>) o;
            String impact = String.valueOf(v.get("impact"));
            if (impact.equals("serious") || impact.equals("critical")) {
                out.add(v.get("id") + " (" + impact + "): " + v.get("help") + " — " + v.get("nodes"));
            }
        }
        return out;
    }
}
