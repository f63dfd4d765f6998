package org.custodian.analytics.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * One Micrometer gauge per department metric, {@code custodian.kpi{metric="<id>", unit="<unit>"}}
 * (Prometheus: {@code custodian_kpi}), at its current value: this month to now for a figure over a
 * period, now for a snapshot. A personal metric (the signed-in coder's own) has none. Values are
 * computed at most once a minute, however often the endpoint is scraped; a figure that cannot be
 * computed reads NaN, which Prometheus understands as "no value".
 */
@Component
class MetricGauges implements SmartInitializingSingleton {

    static final Duration FRESH = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(MetricGauges.class);

    private record Cached(Instant at, double value) {
    }

    private final MeterRegistry meters;
    private final MetricRegistry registry;
    private final HospitalClock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    MetricGauges(MeterRegistry meters, MetricRegistry registry, HospitalClock clock) {
        this.meters = meters;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (Metric m : registry.all()) {
            if (m.personal()) {
                continue;
            }
            Gauge.builder("custodian.kpi", m, this::value)
                    .tag("metric", m.id()).tag("unit", m.unit().name().toLowerCase(java.util.Locale.ROOT))
                    .description(m.name() + ": " + m.formula()).register(meters);
        }
    }

    double value(Metric m) {
        Instant now = clock.instant();
        Cached c = cache.get(m.id());
        if (c != null && Duration.between(c.at(), now).compareTo(FRESH) < 0) {
            return c.value();
        }
        double v;
        try {
            Double d = registry.current(m);
            v = d == null ? Double.NaN : d;
        } catch (RuntimeException e) {
            log.warn("metric {} could not be computed for its gauge: {}", m.id(), e.toString());
            v = Double.NaN;
        }
        cache.put(m.id(), new Cached(now, v));
        return v;
    }
}
