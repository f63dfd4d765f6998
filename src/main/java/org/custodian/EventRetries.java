package org.custodian;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.stereotype.Component;

/**
 * Retries the cross-module events whose listener failed. Spring Modulith's event publication registry
 * stores each publication with the publisher's commit and marks it complete when its listener
 * ({@code @ApplicationModuleListener}) has committed; one whose listener threw stays incomplete. The
 * registry resubmits those at start-up ({@code spring.modulith.events.republish-outstanding-events-on-restart});
 * this resubmits them while the application runs, every {@code custodian.events.retry-interval}
 * (default 5 minutes, 0 = only at start-up), once they are older than that interval, so that a
 * listener still running is never sent the same event twice.
 */
@Component
public class EventRetries implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventRetries.class);

    private final IncompleteEventPublications incomplete;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    EventRetries(IncompleteEventPublications incomplete, @Value("${custodian.events.retry-interval:5m}") Duration interval) {
        this.incomplete = incomplete;
        this.interval = interval;
    }

    /** Resubmits every incomplete publication older than {@code minAge}. */
    public void retryOlderThan(Duration minAge) {
        incomplete.resubmitIncompletePublicationsOlderThan(minAge);
    }

    private void retryQuietly() {
        try {
            retryOlderThan(interval);
        } catch (RuntimeException e) {
            // Event payloads carry patient ids only, and the message is the framework's: no PHI logged.
            log.warn("Retrying incomplete event publications failed: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "event-retries");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::retryQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
