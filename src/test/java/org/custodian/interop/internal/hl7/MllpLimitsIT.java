package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.custodian.audit.AuditTrail;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue #22, finding 6: 1,000 half-sent frames held 2,046 threads after 120 s, and 256 frames of
 * 4 MiB could be in flight per connection. A second listener of the shared application with small
 * limits (6 connections, 4 per address, a 1 s frame timeout, a 3 s idle timeout, 64 KiB frames), on
 * real loopback sockets from two addresses: whatever peers open, its connections and threads stay
 * within the caps, stalled peers are closed, and a legitimate sender is still answered.
 */
@CustodianTest
class MllpLimitsIT {

    static final int MAX_CONNECTIONS = 6;
    static final int PER_ADDRESS = 4;
    static final Duration FRAME_TIMEOUT = Duration.ofSeconds(1);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);
    static final int MAX_FRAME = 64 * 1024;

    @Autowired
    AdtReceiver receiver;
    @Autowired
    AdtApplierThread applier;
    @Autowired
    AuditTrail audit;
    @Autowired
    Clock clock;

    MllpServer server;
    int port;
    final List<Socket> peers = new ArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        server = new MllpServer(receiver, applier, audit, clock, new MllpSettings(false, 0, "127.0.0.1", MAX_FRAME, 4,
                null, List.of(), new MllpSettings.Limits(MAX_CONNECTIONS, PER_ADDRESS, IDLE_TIMEOUT, FRAME_TIMEOUT,
                (long) 4 * MAX_FRAME), null, null));
        port = server.listen(0);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : peers) {
            s.close();
        }
        server.stop();
    }

    @Test
    void manyHalfSentFramesHoldBoundedConnectionsAndThreadsAndAreClosedAtTheFrameTimeout() throws Exception {
        // 100 peers, 50 from one loopback address and then 50 from another, each sends the start of a frame and stops.
        for (int i = 0; i < 100; i++) {
            Socket s = connect(i < 50 ? "127.0.0.1" : "127.0.0.2");
            s.getOutputStream().write(("\u000bMSH|^~\\&|SLOW|SLOWFAC|CUSTODIAN|HIM|2026").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        }
        Thread.sleep(300);
        assertThat(server.openConnections()).as("connections held").isLessThanOrEqualTo(MAX_CONNECTIONS);
        // Two threads per connection, plus the acceptor and the watchdog: 2,046 threads were held before.
        assertThat(listenerThreads()).as("listener threads").isLessThanOrEqualTo(2 * MAX_CONNECTIONS + 2);
        long fromFirst = peers.stream().filter(s -> s.getLocalAddress().getHostAddress().equals("127.0.0.1"))
                .filter(MllpLimitsIT::stillOpen).count();
        long fromSecond = peers.stream().filter(s -> s.getLocalAddress().getHostAddress().equals("127.0.0.2"))
                .filter(MllpLimitsIT::stillOpen).count();
        assertThat(fromFirst).as("held from 127.0.0.1").isLessThanOrEqualTo(PER_ADDRESS);
        assertThat(fromSecond).as("held from 127.0.0.2").isLessThanOrEqualTo(PER_ADDRESS);
        assertThat(fromFirst + fromSecond).as("held in all").isLessThanOrEqualTo(MAX_CONNECTIONS).isPositive();
        assertThat(server.limitedConnections()[0]).as("refused at a cap").isGreaterThanOrEqualTo(100 - MAX_CONNECTIONS);

        awaitNoConnections(FRAME_TIMEOUT.multipliedBy(4));
        assertThat(peers.stream().filter(MllpLimitsIT::stillOpen).count()).as("half-sent frames still held").isZero();
        assertThat(server.limitedConnections()[1]).as("closed at the frame timeout").isGreaterThanOrEqualTo(fromFirst + fromSecond);
        assertLegitimateSenderIsAnswered();
    }

    /** Never silent for long, never finishing: a frame trickled a byte at a time is still closed at the frame timeout. */
    @Test
    void aFrameTrickledByteByByteIsClosedAtTheFrameTimeout() throws Exception {
        Socket s = connect("127.0.0.1");
        long started = System.nanoTime();
        s.getOutputStream().write(0x0B);
        boolean closed = false;
        for (int i = 0; i < 40 && !closed; i++) {
            Thread.sleep(100);
            try {
                s.getOutputStream().write('A');
                s.getOutputStream().flush();
            } catch (IOException e) {
                closed = true;
            }
            closed = closed || !stillOpen(s);
        }
        assertThat(closed).as("closed while trickling").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FRAME_TIMEOUT.multipliedBy(3));
        assertLegitimateSenderIsAnswered();
    }

    @Test
    void aSilentConnectionIsClosedAtTheIdleTimeout() throws Exception {
        Socket s = connect("127.0.0.1");
        assertThat(stillOpen(s)).isTrue();
        awaitNoConnections(IDLE_TIMEOUT.multipliedBy(2));
        assertThat(stillOpen(s)).isFalse();
    }

    /** A frame over the size limit is answered AR and the connection goes on. */
    @Test
    void anOversizedFrameIsRefusedAndTheConnectionGoesOn() throws Exception {
        try (MllpClient client = new MllpClient(port)) {
            String ack = client.send(("MSH|^~\\&|BIG|BIGFAC|CUSTODIAN|HIM|20260101||ADT^A28|BIG1|P|2.5.1\rNTE|"
                    + "x".repeat(MAX_FRAME)).getBytes(StandardCharsets.US_ASCII));
            assertThat(MllpClient.code(ack)).isEqualTo("AR");
            assertThat(ack).contains("larger than " + MAX_FRAME + " bytes");
            String control = AdtSamples.unique("LC");
            assertThat(MllpClient.code(client.send(MllpPoisonMessageIT.legitimate(control, AdtSamples.unique("LM")))))
                    .isEqualTo("AA");
        }
    }

    private void assertLegitimateSenderIsAnswered() throws IOException {
        try (MllpClient client = new MllpClient(port)) {
            String ack = client.send(MllpPoisonMessageIT.legitimate(AdtSamples.unique("LC"), AdtSamples.unique("LM")));
            assertThat(MllpClient.code(ack)).as(ack).isEqualTo("AA");
        }
    }

    private void awaitNoConnections(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (server.openConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(server.openConnections()).as("connections open after " + within).isZero();
    }

    private Socket connect(String from) throws IOException {
        Socket s = new Socket();
        peers.add(s);
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return s;
    }

    private long listenerThreads() {
        String prefix = server.threadName() + "-";
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .count();
    }

    /** Whether the listener still holds the connection: a read waits (open) rather than ending (closed or reset). */
    private static boolean stillOpen(Socket s) {
        try {
            s.setSoTimeout(150);
            InputStream in = s.getInputStream();
            return in.read() != -1;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
