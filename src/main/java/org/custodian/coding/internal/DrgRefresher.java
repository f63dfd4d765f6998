package org.custodian.coding.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps a DRG for every discharged inpatient stay on the worklist, as the system (no person's reads
 * are recorded for it): at start-up — a database coded before the DRG was kept gets its final DRGs,
 * so the case mix index shows at once — and then every {@code custodian.coding.drg-refresh-interval}
 * (default 1m; 0: start-up only; {@code CUSTODIAN_CODING_DRG_REFRESH_INTERVAL}) for stays discharged since, whose
 * working DRG comes from the chart's documented conditions until a coder saves an abstract.
 */
@Component
class DrgRefresher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DrgRefresher.class);
    static final int BATCH = 5_000;

    private final CaseMixService caseMix;
    private final java.time.Duration interval;
    private ScheduledExecutorService scheduler;

    DrgRefresher(CaseMixService caseMix, CodingSettings settings) {
        this.caseMix = caseMix;
        this.interval = settings.drgRefreshInterval();
    }

    private void runQuietly() {
        try {
            int n = caseMix.refreshMissing(BATCH);
            if (n > 0) {
                log.info("Grouped {} inpatient stay(s) without a kept MS-DRG", n);
            }
        } catch (RuntimeException e) {
            log.warn("MS-DRG refresh failed: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "coding-drg-refresher");
            t.setDaemon(true);
            return t;
        });
        if (interval.isZero() || interval.isNegative()) {
            scheduler.execute(this::runQuietly);   // start-up only
        } else {
            scheduler.scheduleWithFixedDelay(this::runQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
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
