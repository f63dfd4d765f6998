package org.custodian.interop.internal.hl7;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open connections of one MLLP listener, and what no peer may exceed (issue #22, finding 6:
 * 1,000 half-sent frames held 2,046 threads): connections at once, in all and per remote address,
 * admitted before any thread is given to them; a frame (or TLS handshake) that does not arrive
 * whole within the frame timeout, and a connection that starts no frame within the idle timeout,
 * are closed by one watchdog thread, whatever the peer trickles meanwhile. Refusals and timeouts
 * are counted and logged with the peer's address only (no message content, so no PHI).
 */
final class MllpConnections {

    private static final Logger log = LoggerFactory.getLogger(MllpConnections.class);

    /** One connection's clock: when its current frame (or handshake) started, 0 between frames. */
    static final class Tracked {
        final Socket socket;
        final String address;
        private volatile long frameStartedAt;
        private volatile long lastActivity;

        private Tracked(Socket socket, String address, long now) {
            this.socket = socket;
            this.address = address;
            this.lastActivity = now;
        }

        void frameStarted() {
            frameStartedAt = System.nanoTime();
        }

        void frameEnded() {
            lastActivity = System.nanoTime();
            frameStartedAt = 0;
        }

        /** Answering keeps a connection from being idle: its sender is waiting for ACKs, not silent. */
        void active() {
            lastActivity = System.nanoTime();
        }
    }

    private final MllpSettings.Limits limits;
    private final Set<Tracked> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perAddress = new HashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private volatile long lastRefusalLog;
    private volatile Thread watchdog;

    MllpConnections(MllpSettings.Limits limits) {
        this.limits = limits;
    }

    static String address(Socket socket) {
        return socket.getRemoteSocketAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(socket.getRemoteSocketAddress());
    }

    /**
     * Counts the connection in, or closes it at once when a cap is reached (null). {@code handshaking}:
     * the frame clock starts now, so a TLS peer that never completes its handshake is closed too.
     */
    Tracked admit(Socket socket, boolean handshaking) {
        String address = address(socket);
        synchronized (perAddress) {
            int fromHere = perAddress.getOrDefault(address, 0);
            if (open.size() >= limits.maxConnections() || fromHere >= limits.maxConnectionsPerAddress()) {
                refuse(socket, address, fromHere);
                return null;
            }
            perAddress.put(address, fromHere + 1);
            Tracked t = new Tracked(socket, address, System.nanoTime());
            if (handshaking) {
                t.frameStarted();
            }
            open.add(t);
            return t;
        }
    }

    private void refuse(Socket socket, String address, int fromHere) {
        long n = refused.incrementAndGet();
        closeQuietly(socket);
        long now = System.nanoTime();
        // At most one line a second: a flood of connections must not become a flood of log lines.
        if (now - lastRefusalLog > TimeUnit.SECONDS.toNanos(1)) {
            lastRefusalLog = now;
            log.warn("MLLP connection from {} refused: {} open in all (cap {}), {} from this address (cap {}); {} refused"
                    + " since start", address, open.size(), limits.maxConnections(), fromHere,
                    limits.maxConnectionsPerAddress(), n);
        }
    }

    /** Closes the connection (once) and counts it out. */
    void close(Tracked t) {
        closeQuietly(t.socket);
        synchronized (perAddress) {
            if (open.remove(t)) {
                perAddress.computeIfPresent(t.address, (a, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    int openCount() {
        return open.size();
    }

    long refusedCount() {
        return refused.get();
    }

    long timedOutCount() {
        return timedOut.get();
    }

    /** Starts the watchdog, which looks at every connection a few times per timeout. */
    void start(String name) {
        long shortest = Math.min(limits.frameTimeout().toMillis(), limits.idleTimeout().toMillis());
        long period = Math.max(20, Math.min(1000, shortest / 4));
        Thread t = new Thread(() -> watch(period), name);
        t.setDaemon(true);
        watchdog = t;
        t.start();
    }

    private void watch(long periodMillis) {
        long frameNanos = limits.frameTimeout().toNanos();
        long idleNanos = limits.idleTimeout().toNanos();
        while (watchdog == Thread.currentThread()) {
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Tracked t : open) {
                long started = t.frameStartedAt;
                if (started != 0 && now - started > frameNanos) {
                    timedOut(t, "a frame or TLS handshake took longer than " + limits.frameTimeout());
                } else if (started == 0 && now - t.lastActivity > idleNanos) {
                    timedOut(t, "no frame for " + limits.idleTimeout());
                }
            }
        }
    }

    private void timedOut(Tracked t, String why) {
        long n = timedOut.incrementAndGet();
        close(t);
        log.info("MLLP connection from {} closed: {} (custodian.mllp.limits); {} timed out since start", t.address, why, n);
    }

    /** Stops the watchdog and closes every connection. */
    void stop() {
        Thread t = watchdog;
        watchdog = null;
        if (t != null) {
            t.interrupt();
        }
        for (Tracked c : open) {
            close(c);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
