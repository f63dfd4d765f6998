package org.custodian.interop.internal.hl7;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A plain MLLP sender over a real socket, as an interface engine is: send a frame, wait for its ACK. */
final class MllpClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    MllpClient(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    /** Over a socket of the caller's (a TLS socket, a socket bound to another loopback address). */
    MllpClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    String send(String message) throws IOException {
        return send(message.getBytes(StandardCharsets.UTF_8));
    }

    String send(byte[] content) throws IOException {
        MllpFraming.write(out, content);
        return receive();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    String receive() throws IOException {
        byte[] ack = MllpFraming.read(in, 1 << 20);
        if (ack == null) {
            throw new IOException("connection closed without an acknowledgement");
        }
        return new String(ack, StandardCharsets.UTF_8);
    }

    /** MSA-1 of an acknowledgement. */
    static String code(String ack) {
        return AdtSamples.field(ack, "MSA", 1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
