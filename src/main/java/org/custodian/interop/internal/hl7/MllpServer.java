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
import java.nio.charset.StandardCharsets;
import java.util.Set;
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
 * {@code custodian.mllp.port}, default 2575). One thread per connection reads a frame, has
 * {@link AdtReceiver} commit it and writes the acknowledgement before reading the next: the ACK
 * of a message is never sent before its effects are durable. Every frame is answered, an
 * unreadable one with AR, and the connection goes on.
 */
@Component
class MllpServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MllpServer.class);

    private final AdtReceiver receiver;
    private final boolean enabled;
    private final int configuredPort;
    private final int maxFrameBytes;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile ExecutorService workers;

    MllpServer(AdtReceiver receiver, @Value("${custodian.mllp.enabled:false}") boolean enabled,
               @Value("${custodian.mllp.port:2575}") int port,
               @Value("${custodian.mllp.max-frame-bytes:4194304}") int maxFrameBytes) {
        this.receiver = receiver;
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

    private void serve(Socket connection) {
        try (connection; InputStream in = new BufferedInputStream(connection.getInputStream());
             OutputStream out = new BufferedOutputStream(connection.getOutputStream())) {
            while (true) {
                byte[] frame = MllpFraming.read(in, maxFrameBytes);
                if (frame == null) {
                    return;
                }
                AdtReceiver.Outcome outcome;
                if (frame == MllpFraming.OVERSIZED) {
                    String ack = Hl7Parsing.reject(null, AdtProblem.reject(ErrorCode.APPLICATION_INTERNAL_ERROR, null, 0,
                            "the frame is larger than " + maxFrameBytes + " bytes"));
                    MllpFraming.write(out, ack.getBytes(StandardCharsets.UTF_8));
                    continue;
                }
                Hl7Text text = Hl7Text.of(frame);
                outcome = receiver.receive(text.text());
                MllpFraming.write(out, outcome.ack().getBytes(text.charset()));
            }
        } catch (SocketException e) {
            // the peer closed or reset the connection
        } catch (IOException | RuntimeException e) {
            log.warn("MLLP connection ended: {}", e.getClass().getSimpleName());
        } finally {
            connections.remove(connection);
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
