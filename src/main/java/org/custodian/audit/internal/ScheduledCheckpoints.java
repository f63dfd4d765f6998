package org.custodian.audit.internal;

import java.time.Duration;
import org.custodian.PeriodicJob;
import org.springframework.stereotype.Component;

/**
 * Checks the audit chain every {@code custodian.audit.checkpoints.check-every} (default 1 minute; 0: never
 * by itself) against its checkpoints and signs a new one when one is due (every
 * {@code custodian.audit.checkpoints.every} or {@code every-events} events): checkpoints nobody has to
 * remember. One instance at a time checks (the job's cluster lock).
 */
@Component
class ScheduledCheckpoints extends PeriodicJob {

    private final AuditCheckpoints checkpoints;
    private volatile AuditCheckpoints.Result last;

    @org.springframework.beans.factory.annotation.Autowired
    ScheduledCheckpoints(AuditCheckpoints checkpoints, AuditSettings settings) {
        this(checkpoints, settings.checkpoints().checkEvery());
    }

    ScheduledCheckpoints(AuditCheckpoints checkpoints, Duration checkEvery) {
        super("audit-checkpoints", checkEvery, true, WhenZero.NEVER);
        this.checkpoints = checkpoints;
    }

    @Override
    protected void runOnce() {
        last = checkpoints.check(false);
    }

    /** The result of the latest run on this instance, or null before the first. */
    AuditCheckpoints.Result lastResult() {
        return last;
    }
}
