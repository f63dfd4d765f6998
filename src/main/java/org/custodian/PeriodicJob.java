package org.custodian;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Background work the application repeats on its own thread while it runs (worklist reconciliation,
 * MS-DRG refresh, event retries): started and stopped with the application context, every
 * {@code interval} after the previous run ended; with a zero interval once at start-up only, or not
 * at all. A failed run is logged with its message (the database's or the framework's, no patient
 * data) and the next run tries again.
 */
public abstract class PeriodicJob implements SmartLifecycle {

    /** What a zero interval means. */
    public enum WhenZero { RUN_ONCE_AT_START, NEVER }

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String threadName;
    private final Duration interval;
    private final boolean runAtStart;
    private final WhenZero whenZero;
    private ScheduledExecutorService scheduler;

    /**
     * @param runAtStart whether the first run is at start-up (else one interval after it)
     */
    protected PeriodicJob(String threadName, Duration interval, boolean runAtStart, WhenZero whenZero) {
        this.threadName = threadName;
        this.interval = interval;
        this.runAtStart = runAtStart;
        this.whenZero = whenZero;
    }

    /** One run. */
    protected abstract void runOnce();

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("{} failed; the next run tries again: {}", threadName, e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        boolean zero = interval.isZero() || interval.isNegative();
        if (zero && whenZero == WhenZero.NEVER) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        if (zero) {
            scheduler.execute(this::runQuietly);
        } else {
            long millis = interval.toMillis();
            scheduler.scheduleWithFixedDelay(this::runQuietly, runAtStart ? 0 : millis, millis, TimeUnit.MILLISECONDS);
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
