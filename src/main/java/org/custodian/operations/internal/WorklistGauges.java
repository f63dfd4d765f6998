package org.custodian.operations.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.custodian.WorklistSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Every module's worklists ({@link WorklistSize} beans) as the gauge
 * {@code custodian.worklist.size{worklist="<name>"}} at {@code /actuator/prometheus} (issue 23): a
 * growing worklist is work piling up (coders behind, the DNFB growing, ROI requests aging). Each
 * is counted at most once per {@link #FRESH_NANOS} however often the endpoint is scraped; one that
 * cannot be counted reads NaN (Prometheus: no value).
 */
@Component
class WorklistGauges implements SmartInitializingSingleton {

    static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final Logger log = LoggerFactory.getLogger(WorklistGauges.class);

    private record Counted(long atNanos, double size) {
    }

    private final MeterRegistry meters;
    private final List<WorklistSize> worklists;
    private final Map<String, Counted> cache = new ConcurrentHashMap<>();

    WorklistGauges(MeterRegistry meters, List<WorklistSize> worklists) {
        this.meters = meters;
        this.worklists = worklists;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (WorklistSize w : worklists) {
            Gauge.builder("custodian.worklist.size", w, this::size).tag("worklist", w.worklist())
                    .description("Items waiting on a worklist now").register(meters);
        }
    }

    double size(WorklistSize w) {
        long now = System.nanoTime();
        Counted c = cache.get(w.worklist());
        if (c != null && now - c.atNanos() < FRESH_NANOS) {
            return c.size();
        }
        double size;
        try {
            size = w.size();
        } catch (RuntimeException e) {
            log.warn("worklist {} could not be counted for its gauge: {}", w.worklist(), e.getClass().getSimpleName());
            size = Double.NaN;
        }
        cache.put(w.worklist(), new Counted(now, size));
        return size;
    }

    /** Counts afresh at the next scrape (tests). */
    void forget() {
        cache.clear();
    }
}
