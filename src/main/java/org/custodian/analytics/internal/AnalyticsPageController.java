package org.custodian.analytics.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.custodian.Problem;
import org.custodian.web.Fmt;
import org.custodian.analytics.Metric;
import org.custodian.analytics.internal.MetricRegistry.NamedRow;
import org.custodian.analytics.internal.MetricRegistry.Point;
import org.custodian.analytics.internal.MetricRegistry.Series;
import org.custodian.analytics.internal.MetricRegistry.Status;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The HIM director's dashboard (every KPI as a tile with its target, status and twelve-month
 * trend), a metric's page (trend over a chosen period, the series, the records behind the latest
 * value with patient name and MRN, CSV), and the tiles of each role's home page. A metric's page and
 * the home tiles are open to whoever holds the metric's own permission; the dashboard needs
 * {@code analytics:view}.
 */
@Controller
class AnalyticsPageController {

    private final MetricRegistry registry;

    AnalyticsPageController(MetricRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/analytics")
    @PreAuthorize("hasAuthority('analytics:view')")
    String dashboard(Model model) {
        LocalDate today = registry.today();
        LocalDate from = today.withDayOfMonth(1).minusMonths(11);
        List<Tile> tiles = registry.visible().stream().filter(m -> !m.personal())
                .map(m -> tile(m, registry.series(m, from, today, MetricRegistry.Interval.MONTH))).toList();
        model.addAttribute("tiles", tiles);
        model.addAttribute("from", from);
        model.addAttribute("to", today);
        return "analytics/dashboard";
    }

    /** The signed-in user's home tiles (an htmx fragment on the home page): current values of their role's figures. */
    @GetMapping("/analytics/home")
    @PreAuthorize("isAuthenticated()")
    String home(Model model) {
        LocalDate today = registry.today();
        LocalDate from = today.withDayOfMonth(1).minusMonths(5);
        model.addAttribute("tiles", registry.home().stream()
                .map(m -> tile(m, registry.series(m, from, today, MetricRegistry.Interval.MONTH))).toList());
        model.addAttribute("dashboard", registry.visible().size() > 0
                && org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication()
                .getAuthorities().stream().anyMatch(a -> "analytics:view".equals(a.getAuthority())));
        return "analytics/home";
    }

    @GetMapping("/analytics/metrics/{id}")
    @PreAuthorize("isAuthenticated()")
    String metric(@PathVariable String id, @RequestParam(required = false) String from,
                  @RequestParam(required = false) String to, @RequestParam(required = false) String interval, Model model) {
        Metric metric = registry.require(id);
        String problem = null;
        AnalyticsApiController.Window w;
        MetricRegistry.Interval iv;
        Series series;
        try {
            w = AnalyticsApiController.window(registry, from, to);
            iv = MetricRegistry.interval(interval);
            series = registry.series(metric, w.from(), w.to(), iv);
        } catch (Problem p) {
            // A period that cannot be read is said so; the default period is shown instead of a guess.
            problem = "Not changed: " + p.detail() + " Showing the last twelve months by month.";
            w = AnalyticsApiController.window(registry, null, null);
            iv = MetricRegistry.Interval.MONTH;
            series = registry.series(metric, w.from(), w.to(), iv);
        }
        Point latest = series.latest();
        List<NamedRow> rows = latest == null ? List.of() : registry.records(metric, registry.period(latest.from(), latest.to()));
        model.addAttribute("metric", metric);
        model.addAttribute("tile", tile(metric, series));
        model.addAttribute("series", series);
        model.addAttribute("latest", latest);
        model.addAttribute("rows", rows);
        model.addAttribute("from", w.from().toString());
        model.addAttribute("to", w.to().toString());
        model.addAttribute("interval", iv.name().toLowerCase(Locale.ROOT));
        model.addAttribute("problem", problem);
        return "analytics/metric";
    }

    /** The records behind a figure as CSV, for whoever may see the metric (the API's CSV needs the dashboard permission). */
    @GetMapping("/analytics/metrics/{id}/records.csv")
    @PreAuthorize("isAuthenticated()")
    ResponseEntity<String> recordsCsv(@PathVariable String id, @RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to) {
        Metric metric = registry.require(id);
        AnalyticsApiController.Window w = AnalyticsApiController.window(registry, from, to);
        return AnalyticsApiController.csv(metric.id() + "-records.csv",
                Csv.records(registry.records(metric, registry.period(w.from(), w.to()))));
    }

    @GetMapping("/analytics/metrics/{id}/series.csv")
    @PreAuthorize("isAuthenticated()")
    ResponseEntity<String> seriesCsv(@PathVariable String id, @RequestParam(required = false) String from,
                                     @RequestParam(required = false) String to, @RequestParam(required = false) String interval) {
        Metric metric = registry.require(id);
        AnalyticsApiController.Window w = AnalyticsApiController.window(registry, from, to);
        return AnalyticsApiController.csv(metric.id() + "-series.csv",
                Csv.series(metric, registry.series(metric, w.from(), w.to(), MetricRegistry.interval(interval))));
    }

    Tile tile(Metric m, Series s) {
        Point latest = s.latest();
        String labels = s.points().stream().map(p -> label(s.interval(), p)).collect(Collectors.joining(","));
        String values = s.points().stream().map(p -> p.value() == null ? "" : String.format(Locale.US, "%.4f", p.value()))
                .collect(Collectors.joining(","));
        String period = latest == null ? "No data in the period"
                : m.historical() ? (latest.from().equals(latest.to()) ? Fmt.date(latest.from())
                        : Fmt.date(latest.from()) + " to " + Fmt.date(latest.to()))
                : "Today";
        String trend = s.points().stream().filter(p -> p.value() != null)
                .map(p -> label(s.interval(), p) + ": " + MetricRegistry.format(m, p.value())).collect(Collectors.joining("; "));
        return new Tile(m, MetricRegistry.format(m, latest == null ? null : latest.value()), latest == null ? null : latest.value(),
                MetricRegistry.targetText(m), s.status(), period, labels, values,
                m.name() + " trend. " + (trend.isEmpty() ? "No data." : trend));
    }

    private static String label(MetricRegistry.Interval interval, Point p) {
        return switch (interval) {
            case MONTH -> p.from().getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.US) + " " + p.from().getYear();
            case WEEK, DAY -> p.from().toString();
        };
    }
}
