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
 *
 * <p>When several instances share one database, a run takes the cluster lock named after the job
 * ({@link ClusterLocks}): two instances never run the same job at once; the one that finds it taken
 * skips that run.
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
    private ClusterLocks clusterLocks;
    private boolean enabled = true;
    private volatile boolean stopping;

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

    /** Set by the application context: a process whose jobs are off ({@link JobSettings}) starts none. */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    public void setJobSettings(JobSettings settings) {
        this.enabled = settings.enabled();
    }

    /** Set by the application context: runs are then fenced across instances. */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    public void setClusterLocks(ClusterLocks clusterLocks) {
        this.clusterLocks = clusterLocks;
    }

    /**
     * One run, unless another instance on the same database is running this job right now; returns
     * whether it ran here.
     */
    public boolean runFenced() {
        ClusterLocks locks = clusterLocks;
        if (locks == null) {
            runOnce();
            return true;
        }
        return locks.runAlone("periodic-job|" + threadName, this::runOnce);
    }

    private void runQuietly() {
        try {
            runFenced();
        } catch (RuntimeException e) {
            if (stopping) {
                // Cut short by the application's shutdown (its thread interrupted, its pools closing): not a failure.
                log.debug("{} stopped with the application: {}", threadName, e.getMessage());
            } else {
                log.warn("{} failed; the next run tries again: {}", threadName, e.getMessage());
            }
        }
    }

    @Override
    public synchronized void start() {
        boolean zero = interval.isZero() || interval.isNegative();
        if (!enabled || zero && whenZero == WhenZero.NEVER) {
            return;
        }
        stopping = false;
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
            stopping = true;
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
