package org.custodian.interop.internal.hl7;

import ca.uhn.hl7v2.ErrorCode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.custodian.ClusterLocks;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The MLLP listener for HL7 v2 ADT ({@link MllpSettings}: off unless {@code custodian.mllp.enabled},
 * port 2575). Over TLS with client certificates and a sender allow-list, or in plain text on
 * loopback only (the demo; it says so at start, and refuses to start plain on any other address).
 * Per connection one thread reads and parses frames and hands them to the {@link AdtApplierThread}
 * (group commit across connections), another writes the acknowledgements in frame order, each only
 * after its message's batch is committed: the ACK of a message is never sent before its effects
 * are durable. Every frame is answered, an unreadable one with AR, and the connection goes on.
 * {@link MllpConnections} caps the connections and times out stalled frames and idle peers.
 *
 * <p>Several instances on one database: the listener started with the application
 * ({@code custodian.mllp.enabled}) runs on one instance at a time, the holder of the cluster lock
 * {@value #LEADER_LOCK} ({@link ClusterLocks#tryHold}); the others stand by and try again every
 * {@code custodian.mllp.leader-check} (2 s). The holder checks its lock as often and, once it no longer
 * holds it (its session ended: the database restarted or dropped it), closes its listener before
 * anyone else can bind theirs (fencing) and stands by too; an instance that dies loses the lock with
 * its session, and a standby takes over. A message re-sent to the new listener is answered from the
 * stored one, not applied again (MSH-10 is unique per sender).
 */
@Component
class MllpServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MllpServer.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    static final String LEADER_LOCK = "mllp-listener";

    private final AdtReceiver receiver;
    private final AdtApplierThread applier;
    private final AuditTrail audit;
    private final java.time.Clock clock;
    private final MllpSettings settings;
    private final MllpSenders senders;
    private final String name;
    private volatile ServerSocket server;
    private volatile ExecutorService workers;
    private volatile MllpConnections connections;
    private final ClusterLocks locks;
    private final java.time.Duration leaderCheck;
    private volatile Thread leader;
    private volatile boolean started;
    private final AtomicInteger standbyChecks = new AtomicInteger();
    /** Messages received and not yet acknowledged, with when they came (the feed's lag, {@link FeedGauges}). */
    private final java.util.Map<CompletableFuture<AdtReceiver.Outcome>, Long> unacknowledged =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Unfenced (tests that bind with {@link #listen} themselves). */
    MllpServer(AdtReceiver receiver, AdtApplierThread applier, AuditTrail audit, java.time.Clock clock,
               MllpSettings settings) {
        this(receiver, applier, audit, clock, settings, null);
    }

    @Autowired
    MllpServer(AdtReceiver receiver, AdtApplierThread applier, AuditTrail audit, java.time.Clock clock,
               MllpSettings settings, ClusterLocks locks) {
        this.locks = locks;
        this.leaderCheck = settings.leaderCheck();
        this.receiver = receiver;
        this.applier = applier;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.senders = new MllpSenders(settings.senders());
        int n = INSTANCES.incrementAndGet();
        this.name = n == 1 ? "mllp" : "mllp" + n;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        started = true;
        if (locks == null) {
            bind();
            return;
        }
        // The first try here: a lone instance listens once started, as without fencing.
        ClusterLocks.Lease lease = locks.tryHold(LEADER_LOCK).orElse(null);
        if (lease != null) {
            bindOrRelease(lease);
        } else {
            log.info("MLLP listener standing by: another instance on this database holds '{}'", LEADER_LOCK);
        }
        Thread t = new Thread(() -> lead(lease), name + "-leader");
        t.setDaemon(true);
        leader = t;
        t.start();
    }

    private void bind() {
        try {
            listen(settings.port());
        } catch (IOException e) {
            throw new IllegalStateException("MLLP listener cannot bind " + settings.bindAddress() + ":"
                    + settings.port(), e);
        }
    }

    private void bindOrRelease(ClusterLocks.Lease lease) {
        try {
            bind();
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /**
     * The leader loop: while holding the lock, checks it every {@code leaderCheck} and closes the
     * listener as soon as it is lost; while standing by, tries to take it as often.
     */
    private void lead(ClusterLocks.Lease initial) {
        ClusterLocks.Lease lease = initial;
        int timeout = (int) Math.max(1, leaderCheck.toSeconds());
        try {
            while (started) {
                Thread.sleep(leaderCheck.toMillis());
                if (!started) {
                    break;
                }
                if (lease != null) {
                    if (!lease.held(timeout)) {
                        log.warn("MLLP listener closing: this instance no longer holds '{}' (its database session ended);"
                                + " standing by", LEADER_LOCK);
                        closeListener();
                        lease.close();
                        lease = null;
                    }
                    continue;
                }
                standbyChecks.incrementAndGet();
                lease = locks.tryHold(LEADER_LOCK).orElse(null);
                if (lease != null) {
                    try {
                        bind();
                        log.warn("MLLP listener taken over by this instance (it now holds '{}')", LEADER_LOCK);
                    } catch (RuntimeException e) {
                        log.warn("MLLP listener could not bind after taking '{}': {}", LEADER_LOCK, e.getMessage());
                        lease.close();
                        lease = null;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeListener();
            if (lease != null) {
                lease.close();
            }
        }
    }

    /** Whether this instance's listener is bound now (the leader), and its port; -1 when standing by. */
    int listeningPort() {
        ServerSocket s = server;
        return s == null ? -1 : s.getLocalPort();
    }

    /** How often a standby has tried to take the listener's lock (tests wait on it instead of sleeping). */
    int standbyChecks() {
        return standbyChecks.get();
    }

    /** Binds and starts accepting (port 0 picks a free one); returns the bound port. */
    synchronized int listen(int port) throws IOException {
        if (server != null) {
            return server.getLocalPort();
        }
        InetAddress address = InetAddress.getByName(settings.bindAddress());
        if (!settings.usesTls() && !address.isLoopbackAddress()) {
            // HIPAA 45 CFR 164.312(e)(1): PHI does not cross a network in clear text, nor from an unknown sender.
            throw new IllegalStateException("custodian.mllp.bind-address " + settings.bindAddress() + " is not a"
                    + " loopback address: plain MLLP is allowed on loopback only (the demo). Configure"
                    + " custodian.mllp.tls (keystore, truststore: mutual TLS) and custodian.mllp.senders, or bind"
                    + " 127.0.0.1 (HIPAA 45 CFR 164.312(e)(1), transmission security)");
        }
        if (settings.usesTls() && !senders.anyWithCertificate()) {
            throw new IllegalStateException("custodian.mllp.senders names no certificate (certificate-subject or"
                    + " certificate-fingerprint): over TLS no sender could be accepted");
        }
        ServerSocket socket = settings.usesTls() ? MllpTls.serverSocket(settings.tls()) : new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port), 200);
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        connections = new MllpConnections(settings.limits());
        connections.start(name + "-watchdog");
        server = socket;
        Thread acceptor = new Thread(this::accept, name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        MllpSettings.Limits l = settings.limits();
        if (settings.usesTls()) {
            log.info("MLLP listener on {}:{} with TLS, client certificates required, {} sender(s) on the allow-list;"
                            + " at most {} connections ({} per address)", address.getHostAddress(), socket.getLocalPort(),
                    senders.size(), l.maxConnections(), l.maxConnectionsPerAddress());
        } else {
            log.warn("MLLP listener on {}:{} is PLAIN (no TLS, no client certificates) and LOOPBACK-ONLY, for the demo;"
                    + " configure custodian.mllp.tls for any real sender", address.getHostAddress(), socket.getLocalPort());
        }
        return socket.getLocalPort();
    }

    private void accept() {
        ServerSocket socket = server;
        MllpConnections open = connections;
        while (socket != null && !socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                // Counted before any thread is spent on it: over a cap, it is closed here.
                MllpConnections.Tracked t = open.admit(connection, connection instanceof SSLSocket);
                if (t != null) {
                    connection.setTcpNoDelay(true);
                    workers.execute(() -> serve(t));
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("MLLP accept failed: {}", e.getClass().getSimpleName());
                }
            }
        }
    }

    /** One frame's answer, in the connection's order: the ACK once its batch is committed; END after the last frame. */
    private record Answer(CompletableFuture<AdtReceiver.Outcome> outcome, Charset charset, byte[] fixed, int bytes) {
    }

    private static final Answer END = new Answer(null, null, null, 0);

    /** Who the peer is: its certificate checked against the allow-list (after the handshake), or loopback-plain. */
    private MllpPeer identify(MllpConnections.Tracked t) throws IOException {
        if (!(t.socket instanceof SSLSocket ssl)) {
            return senders.plain(t.address);
        }
        ssl.startHandshake(); // needClientAuth: a peer without a certificate the truststore accepts fails here
        X509Certificate certificate = (X509Certificate) ssl.getSession().getPeerCertificates()[0];
        MllpPeer peer = senders.tls(t.address, certificate);
        t.frameEnded();
        if (peer == null) {
            log.warn("MLLP connection from {} refused: its client certificate (SHA-256 {}) is on no"
                    + " custodian.mllp.senders entry", t.address, MllpSenders.fingerprint(certificate));
            refusedConnection(t.address, certificate.getSubjectX500Principal().getName());
        }
        return peer;
    }

    /** The refusal of a trusted-but-not-allowed certificate in the audit log (HIPAA 45 CFR 164.312(b)). */
    private void refusedConnection(String address, String subject) {
        try {
            audit.recordAll(List.of(new AuditEntry(clock.instant(), AdtReceiver.FEED_USER, "", null, "Hl7Connection",
                    null, AuditAction.ACCESS_DENIED, AuditTrail.DEFAULT_PURPOSE, address + " [" + subject + "]",
                    AuditOutcome.FAILURE, "MLLP client certificate not on the sender allow-list")));
        } catch (RuntimeException e) {
            log.warn("MLLP refusal not audited: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * Reads frames and hands them to the applier thread without waiting for their commit, so a
     * sender that pipelines (sends several frames before reading ACKs, as interface engines do
     * with a window) gets its messages into one batch; at most {@code window} frames and
     * {@code max-in-flight-bytes} bytes are in flight per connection (past that, reading waits for
     * the ACKs). A second thread writes the ACKs in the order the frames came, each only once its
     * message is committed: a one-at-a-time sender sees no difference.
     */
    private void serve(MllpConnections.Tracked t) {
        Socket connection = t.socket;
        MllpPeer peer;
        OutputStream out;
        try {
            peer = identify(t);
            if (peer == null) {
                connections.close(t);
                return;
            }
            out = new BufferedOutputStream(connection.getOutputStream());
        } catch (IOException e) {
            if (e instanceof SSLException) {
                log.info("MLLP connection from {} refused: TLS handshake failed ({})", t.address, e.getClass().getSimpleName());
            }
            connections.close(t);
            return;
        }
        int maxInFlight = settings.limits().maxInFlightBytes().intValue();
        Semaphore inFlight = new Semaphore(maxInFlight);
        BlockingQueue<Answer> answers = new ArrayBlockingQueue<>(settings.window());
        workers.execute(() -> answer(t, out, answers, inFlight));
        // Not closed here: closing a socket's stream closes the socket, and the writer may still owe ACKs.
        try {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            while (true) {
                byte[] frame = MllpFraming.read(in, settings.maxFrameBytes(), t::frameStarted);
                t.frameEnded();
                if (frame == null) {
                    return;
                }
                if (frame == MllpFraming.OVERSIZED) {
                    String ack = Hl7Parsing.reject(null, AdtProblem.reject(ErrorCode.APPLICATION_INTERNAL_ERROR, null, 0,
                            "the frame is larger than " + settings.maxFrameBytes() + " bytes (custodian.mllp.max-frame-bytes)"));
                    if (!enqueue(answers, new Answer(null, null, ack.getBytes(StandardCharsets.UTF_8), 0), connection)) {
                        return;
                    }
                    continue;
                }
                int bytes = Math.min(frame.length, maxInFlight);
                while (!inFlight.tryAcquire(bytes, 1, TimeUnit.SECONDS)) {
                    if (connection.isClosed()) {
                        return; // closed by a limit or by the writer: nobody will release these bytes
                    }
                }
                Hl7Text text = Hl7Text.of(frame);
                long receivedAt = System.nanoTime();
                CompletableFuture<AdtReceiver.Outcome> outcome = applier.submit(receiver.prepare(text.text(), peer));
                unacknowledged.put(outcome, receivedAt);
                Answer answer = new Answer(outcome, text.charset(), null, bytes);
                if (!enqueue(answers, answer, connection)) {
                    return;
                }
            }
        } catch (SocketException e) {
            // the peer closed or reset the connection, or a limit closed it
        } catch (IOException | RuntimeException e) {
            log.warn("MLLP connection ended: {}", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                enqueue(answers, END, connection);
            } catch (InterruptedException e) {
                connections.close(t);
            }
        }
    }

    /**
     * Queues an answer, waiting while the window is full; false once the connection is closed (the
     * writer may be gone, and a full queue would then hold this thread for ever).
     */
    private static boolean enqueue(BlockingQueue<Answer> answers, Answer a, Socket connection) throws InterruptedException {
        while (!answers.offer(a, 1, TimeUnit.SECONDS)) {
            if (connection.isClosed()) {
                return false;
            }
        }
        return true;
    }

    /** Writes the answers in order, flushing whenever none is waiting; closes the connection after END. */
    private void answer(MllpConnections.Tracked t, OutputStream out, BlockingQueue<Answer> answers, Semaphore inFlight) {
        boolean open = true;
        try {
            while (true) {
                Answer a = answers.poll();
                if (a == null) {
                    if (open) {
                        out.flush();
                    }
                    a = answers.take();
                }
                if (a == END) {
                    if (open) {
                        out.flush();
                    }
                    return;
                }
                byte[] ack;
                try {
                    ack = a.fixed() != null ? a.fixed() : a.outcome().join().ack().getBytes(a.charset());
                } catch (RuntimeException e) {
                    if (open) {
                        log.warn("MLLP connection ended: {}", e.getClass().getSimpleName());
                        open = false;
                        connections.close(t);
                    }
                    continue;
                } finally {
                    inFlight.release(a.bytes());
                    if (a.outcome() != null) {
                        unacknowledged.remove(a.outcome());
                    }
                }
                if (open) {
                    MllpFraming.write(out, ack);
                    t.active();
                }
            }
        } catch (IOException e) {
            // the peer went away; the reader sees the closed socket and ends too
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.close(t);
        }
    }

    /**
     * Seconds since the oldest message now waiting for its ACK was received (0 when none waits). A
     * message whose connection closed before its ACK was written is forgotten once it is committed.
     */
    double oldestUnacknowledgedSeconds() {
        long now = System.nanoTime();
        long oldest = now;
        for (java.util.Map.Entry<CompletableFuture<AdtReceiver.Outcome>, Long> e : unacknowledged.entrySet()) {
            if (e.getKey().isDone() && now - e.getValue() > 60_000_000_000L) {
                unacknowledged.remove(e.getKey()); // its writer is gone (connection closed): nobody will ACK it
                continue;
            }
            oldest = Math.min(oldest, e.getValue());
        }
        return (now - oldest) / 1e9;
    }

    /** Messages received and not yet acknowledged. */
    int unacknowledged() {
        return unacknowledged.size();
    }

    /** Connections open now (for tests and monitoring). */
    int openConnections() {
        MllpConnections c = connections;
        return c == null ? 0 : c.openCount();
    }

    /** Connections refused at a cap, and closed by a timeout, since start. */
    long[] limitedConnections() {
        MllpConnections c = connections;
        return c == null ? new long[2] : new long[] {c.refusedCount(), c.timedOutCount()};
    }

    /** The prefix of this listener's thread names. */
    String threadName() {
        return name;
    }

    @Override
    public void stop() {
        started = false;
        Thread t = leader;
        leader = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeListener();
    }

    /** Closes the listening socket and every open connection (their unanswered frames get no ACK). */
    private synchronized void closeListener() {
        ServerSocket socket = server;
        server = null;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            connections.stop();
            workers.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return server != null || started;
    }

    /** Start after the rest of the application (database, audit writer) and stop before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
