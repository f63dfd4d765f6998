package org.custodian.interop.internal.hl7;

import ca.uhn.hl7v2.ErrorCode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The MLLP listener for HL7 v2 ADT (off unless {@code custodian.mllp.enabled=true}; port
 * {@code custodian.mllp.port}, default 2575). Per connection one thread reads and parses frames
 * and hands them to the {@link AdtApplierThread} (group commit across connections), another
 * writes the acknowledgements in frame order, each only after its message's batch is committed:
 * the ACK of a message is never sent before its effects are durable. Every frame is answered, an
 * unreadable one with AR, and the connection goes on.
 */
@Component
class MllpServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MllpServer.class);

    private final AdtReceiver receiver;
    private final AdtApplierThread applier;
    private final boolean enabled;
    private final int window;
    private final int configuredPort;
    private final int maxFrameBytes;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile ExecutorService workers;

    MllpServer(AdtReceiver receiver, AdtApplierThread applier, @Value("${custodian.mllp.enabled:false}") boolean enabled,
               @Value("${custodian.mllp.port:2575}") int port,
               @Value("${custodian.mllp.max-frame-bytes:4194304}") int maxFrameBytes,
               @Value("${custodian.mllp.window:256}") int window) {
        this.receiver = receiver;
        this.applier = applier;
        this.window = Math.max(1, window);
        this.enabled = enabled;
        this.configuredPort = port;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void start() {
        if (enabled) {
            try {
                listen(configuredPort);
            } catch (IOException e) {
                throw new IllegalStateException("MLLP listener cannot bind port " + configuredPort, e);
            }
        }
    }

    /** Binds and starts accepting (port 0 picks a free one); returns the bound port. */
    synchronized int listen(int port) throws IOException {
        if (server != null) {
            return server.getLocalPort();
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(port), 200);
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mllp-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server = socket;
        Thread acceptor = new Thread(this::accept, "mllp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("MLLP listener on port {}", socket.getLocalPort());
        return socket.getLocalPort();
    }

    private void accept() {
        ServerSocket socket = server;
        while (socket != null && !socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connection.setTcpNoDelay(true);
                connections.add(connection);
                workers.execute(() -> serve(connection));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("MLLP accept failed: {}", e.getClass().getSimpleName());
                }
            }
        }
    }

    /** One frame's answer, in the connection's order: the ACK once its batch is committed; END after the last frame. */
    private record Answer(CompletableFuture<AdtReceiver.Outcome> outcome, Charset charset, byte[] fixed) {
    }

    private static final Answer END = new Answer(null, null, null);

    /**
     * Reads frames and hands them to the applier thread without waiting for their commit, so a
     * sender that pipelines (sends several frames before reading ACKs, as interface engines do
     * with a window) gets its messages into one batch; at most {@code window} frames are in
     * flight per connection. A second thread writes the ACKs in the order the frames came, each
     * only once its message is committed: a one-at-a-time sender sees no difference.
     */
    private void serve(Socket connection) {
        BlockingQueue<Answer> answers = new ArrayBlockingQueue<>(window);
        OutputStream out;
        try {
            out = new BufferedOutputStream(connection.getOutputStream());
        } catch (IOException e) {
            close(connection);
            return;
        }
        workers.execute(() -> answer(connection, out, answers));
        // Not closed here: closing a socket's stream closes the socket, and the writer may still owe ACKs.
        try {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            while (true) {
                byte[] frame = MllpFraming.read(in, maxFrameBytes);
                if (frame == null) {
                    return;
                }
                if (frame == MllpFraming.OVERSIZED) {
                    String ack = Hl7Parsing.reject(null, AdtProblem.reject(ErrorCode.APPLICATION_INTERNAL_ERROR, null, 0,
                            "the frame is larger than " + maxFrameBytes + " bytes"));
                    answers.put(new Answer(null, null, ack.getBytes(StandardCharsets.UTF_8)));
                    continue;
                }
                Hl7Text text = Hl7Text.of(frame);
                answers.put(new Answer(applier.submit(receiver.prepare(text.text())), text.charset(), null));
            }
        } catch (SocketException e) {
            // the peer closed or reset the connection
        } catch (IOException | RuntimeException e) {
            log.warn("MLLP connection ended: {}", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                answers.put(END);
            } catch (InterruptedException e) {
                close(connection);
            }
        }
    }

    /** Writes the answers in order, flushing whenever none is waiting; closes the connection after END. */
    private void answer(Socket connection, OutputStream out, BlockingQueue<Answer> answers) {
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
                        close(connection);
                    }
                    continue;
                }
                if (open) {
                    MllpFraming.write(out, ack);
                }
            }
        } catch (IOException e) {
            // the peer went away; the reader sees the closed socket and ends too
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close(connection);
        }
    }

    private void close(Socket connection) {
        connections.remove(connection);
        try {
            connection.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public synchronized void stop() {
        ServerSocket socket = server;
        server = null;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            for (Socket c : connections) {
                try {
                    c.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            workers.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** Start after the rest of the application (database, audit writer) and stop before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
