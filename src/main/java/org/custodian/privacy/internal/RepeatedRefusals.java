package org.custodian.privacy.internal;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.springframework.stereotype.Component;

/**
 * The audit of refusals that need no account (no credentials, a throttled sign-in, a cross-site
 * request), bounded per client address: the first few of each window ({@code custodian.security.audit.refusal-window},
 * a minute) are recorded one by one, the rest are counted and recorded as one event when the window ends. A flood is still on record
 * (HIPAA 164.308(a)(5)(ii)(C), log-in monitoring; 164.312(b)), but cannot write rows without limit.
 */
@Component
class RepeatedRefusals {

    private static final int MAX_ADDRESSES = 10_000;

    private final AuditTrail audit;
    private final Clock clock;
    private final int perMinute;
    private final Duration window;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "refusal-audit-flush");
        t.setDaemon(true);
        return t;
    });

    private static final class Window {
        final Instant start;
        int recorded;
        int suppressed;
        String lastTarget;

        Window(Instant start) {
            this.start = start;
        }
    }

    RepeatedRefusals(AuditTrail audit, Clock clock,
                     SecuritySettings security) {
        this.audit = audit;
        this.clock = clock;
        this.perMinute = security.audit().refusalsPerAddress();
        this.window = security.audit().refusalWindow();
        long every = Math.max(1, Math.min(10_000, window.toMillis() / 2));
        flusher.scheduleWithFixedDelay(this::flushExpired, every, every, TimeUnit.MILLISECONDS);
    }

    /** Audits one refusal of an anonymous request from {@code address}, or counts it toward the minute's summary. */
    void refused(String address, String target, String reason) {
        Instant now = clock.instant();
        boolean record;
        synchronized (this) {
            Window w = windows.get(address);
            if (w != null && !now.isBefore(w.start.plus(window))) {
                summarise(address, w);
                w = null;
            }
            if (w == null) {
                if (windows.size() >= MAX_ADDRESSES) {
                    flushExpired();
                }
                w = new Window(now);
                windows.put(address, w);
            }
            record = w.recorded < perMinute;
            if (record) {
                w.recorded++;
            } else {
                w.suppressed++;
                w.lastTarget = target;
            }
        }
        if (record) {
            audit.recordAs(null, "anonymous", AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, "Endpoint", target, reason);
        }
    }

    synchronized void flushExpired() {
        Instant now = clock.instant();
        for (Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Window> e = it.next();
            if (!now.isBefore(e.getValue().start.plus(window))) {
                summarise(e.getKey(), e.getValue());
                it.remove();
            }
        }
    }

    private void summarise(String address, Window w) {
        if (w.suppressed > 0) {
            audit.recordAs(null, "anonymous", AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, "ClientAddress", address,
                    w.suppressed + " further refusals from this address in the window from " + w.start
                            + " (each like " + w.lastTarget + ") were counted, not recorded one by one");
        }
    }

    @PreDestroy
    void close() {
        flushExpired();
        flusher.shutdownNow();
    }
}
