package org.custodian.analytics.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.custodian.FormInput;
import org.custodian.Problem;
import org.custodian.analytics.Metric;
import org.custodian.analytics.internal.MetricRegistry.NamedRow;
import org.custodian.analytics.internal.MetricRegistry.Point;
import org.custodian.analytics.internal.MetricRegistry.Series;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The metric registry and each metric's series over a period, as JSON and CSV. The dashboard's
 * permission ({@code analytics:view}) opens the API; each metric is further shown only to holders of
 * its own permission (403 otherwise).
 */
@Tag(name = "Analytics", description = "The department's KPIs: definitions, targets and their sources, series over time, the records behind a figure.")
@RestController
@RequestMapping("/api/analytics")
class AnalyticsApiController {

    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final MetricRegistry registry;

    AnalyticsApiController(MetricRegistry registry) {
        this.registry = registry;
    }

    record TargetJson(String comparison, double value, String source) {
    }

    record MetricJson(String id, String name, String formula, String module, String unit, Double target,
                      String targetComparison, String targetSource, String permission, boolean historical) {

        static MetricJson of(Metric m) {
            Metric.Target t = m.target();
            return new MetricJson(m.id(), m.name(), m.formula(), m.module(), m.unit().name().toLowerCase(),
                    t == null ? null : t.value(), t == null ? null : t.comparison().sign(), t == null ? null : t.source(),
                    m.permission().authority(), m.historical());
        }
    }

    record LatestJson(LocalDate from, LocalDate to, Double value, String display, String status) {
    }

    record SeriesJson(MetricJson metric, String interval, LocalDate from, LocalDate to, List<Point> series,
                      LatestJson latest, List<NamedRow> records) {
    }

    @Operation(summary = "The metric registry: each KPI the caller may see, with formula, unit, target and the target's source")
    @GetMapping("/metrics")
    @PreAuthorize("hasAuthority('analytics:view')")
    List<MetricJson> metrics() {
        return registry.visible().stream().map(MetricJson::of).toList();
    }

    @Operation(summary = "A metric's series over a period by day, week or month, and the records behind its latest value")
    @GetMapping("/metrics/{id}")
    @PreAuthorize("hasAuthority('analytics:view')")
    SeriesJson metric(@PathVariable String id, @RequestParam(required = false) String from,
                      @RequestParam(required = false) String to, @RequestParam(required = false) String interval) {
        Metric metric = registry.require(id);
        Window w = window(registry, from, to);
        Series series = registry.series(metric, w.from(), w.to(), MetricRegistry.interval(interval));
        Point latest = series.latest();
        List<NamedRow> records = latest == null ? List.of() : registry.records(metric, registry.period(latest.from(), latest.to()));
        return new SeriesJson(MetricJson.of(metric), series.interval().name().toLowerCase(), w.from(), w.to(), series.points(),
                latest == null ? null : new LatestJson(latest.from(), latest.to(), latest.value(),
                        MetricRegistry.format(metric, latest.value()), series.status().name()),
                records);
    }

    @Operation(summary = "A metric's series as CSV (period start, period end, value)")
    @GetMapping("/metrics/{id}/series.csv")
    @PreAuthorize("hasAuthority('analytics:view')")
    ResponseEntity<String> seriesCsv(@PathVariable String id, @RequestParam(required = false) String from,
                                     @RequestParam(required = false) String to, @RequestParam(required = false) String interval) {
        Metric metric = registry.require(id);
        Window w = window(registry, from, to);
        return csv(metric.id() + "-series.csv", Csv.series(metric, registry.series(metric, w.from(), w.to(),
                MetricRegistry.interval(interval))));
    }

    @Operation(summary = "The records behind a metric's value for a period, as CSV (patient name and MRN where a patient is concerned)")
    @GetMapping("/metrics/{id}/records.csv")
    @PreAuthorize("hasAuthority('analytics:view')")
    ResponseEntity<String> recordsCsv(@PathVariable String id, @RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to) {
        Metric metric = registry.require(id);
        Window w = window(registry, from, to);
        return csv(metric.id() + "-records.csv", Csv.records(registry.records(metric, registry.period(w.from(), w.to()))));
    }

    static ResponseEntity<String> csv(String filename, String body) {
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
    }

    /** A period as asked; by default the twelve months up to today (from the first of the month eleven months back). */
    record Window(LocalDate from, LocalDate to) {
    }

    static Window window(MetricRegistry registry, String from, String to) {
        LocalDate today = registry.today();
        LocalDate end = parse("to", to, today);
        LocalDate start = parse("from", from, end.withDayOfMonth(1).minusMonths(11));
        if (start.isAfter(end)) {
            throw Problem.invalid("invalid-period", "from (" + start + ") must be on or before to (" + end + ").");
        }
        return new Window(start, end);
    }

    private static LocalDate parse(String field, String value, LocalDate otherwise) {
        if (FormInput.trimmed(value) == null) {
            return otherwise;
        }
        LocalDate date = FormInput.date(value.strip());
        if (date == null) {
            throw Problem.invalid("invalid-period", field + ": \"" + value.strip() + "\" is not a date (YYYY-MM-DD).");
        }
        return date;
    }
}
