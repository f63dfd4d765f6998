package org.custodian;

import java.time.Duration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.stereotype.Component;

/**
 * Retries the cross-module events whose listener failed. Spring Modulith's event publication registry
 * stores each publication with the publisher's commit and marks it complete when its listener
 * ({@code @ApplicationModuleListener}) has committed; one whose listener threw stays incomplete. The
 * registry resubmits those at start-up ({@code spring.modulith.events.republish-outstanding-events-on-restart});
 * this resubmits them while the application runs, every {@code custodian.events.retry-interval}
 * (default 5 minutes; 0: only the registry's at start-up), once they are older than that interval, so that a
 * listener still running is never sent the same event twice.
 */
@Component
public class EventRetries extends PeriodicJob {

    private final IncompleteEventPublications incomplete;
    private final Duration interval;

    EventRetries(IncompleteEventPublications incomplete, CustodianSettings settings) {
        super("event-retries", settings.events().retryInterval(), false, WhenZero.NEVER);
        this.incomplete = incomplete;
        this.interval = settings.events().retryInterval();
    }

    /** Resubmits every incomplete publication older than {@code minAge}. */
    public void retryOlderThan(Duration minAge) {
        incomplete.resubmitIncompletePublicationsOlderThan(minAge);
    }

    @Override
    protected void runOnce() {
        retryOlderThan(interval);
    }
}
