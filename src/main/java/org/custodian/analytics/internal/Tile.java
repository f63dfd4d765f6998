package org.custodian.analytics.internal;

import org.custodian.analytics.Metric;
import org.custodian.analytics.internal.MetricRegistry.Status;

/** A tile: the figure, its target and status, and the trend as comma-separated labels and values for the chart. */
public record Tile(Metric metric, String value, Double raw, String target, Status status, String periodText,
                   String labels, String values, String trendText) {

    public String statusClass() {
        return switch (status) {
            case MEETS -> "kpi-ok";
            case MISSES -> "kpi-miss";
            default -> "kpi-none";
        };
    }

    public String href() {
        return "/analytics/metrics/" + metric.id();
    }

    public String targetValue() {
        return metric.target() == null ? "" : Double.toString(metric.target().value());
    }
}
