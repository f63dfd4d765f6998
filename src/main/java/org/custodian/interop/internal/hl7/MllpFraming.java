package org.custodian.interop.internal.hl7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Minimal Lower Layer Protocol (HL7 v2 Appendix C): a message travels as
 * {@code <VT> bytes <FS><CR>}. Bytes before a start block are skipped; a frame larger than the
 * limit is read to its end and reported as oversized, so the connection stays in step.
 */
final class MllpFraming {

    static final int START = 0x0B;
    static final int END = 0x1C;
    static final int CR = 0x0D;

    /** A frame that exceeded the size limit (its content is dropped). */
    static final byte[] OVERSIZED = new byte[0];

    private MllpFraming() {
    }

    /** The next frame's content, {@link #OVERSIZED}, or null at end of stream. */
    static byte[] read(InputStream in, int maxBytes) throws IOException {
        return read(in, maxBytes, () -> { });
    }

    /**
     * As {@link #read(InputStream, int)}, telling {@code started} when the start block arrives, so
     * that the listener can time the frame from there (a frame timeout, not a per-read timeout,
     * which a peer trickling a byte at a time would never trip).
     */
    static byte[] read(InputStream in, int maxBytes, Runnable started) throws IOException {
        int b;
        do {
            b = in.read();
            if (b == -1) {
                return null;
            }
        } while (b != START);
        started.run();
        ByteArrayOutputStream frame = new ByteArrayOutputStream(2048);
        boolean oversized = false;
        while (true) {
            b = in.read();
            if (b == -1) {
                return null; // the peer went away mid-frame: nothing to answer
            }
            if (b == END) {
                // FS is followed by CR, which the next read skips with any junk before the next START;
                // returning at FS never waits for a byte a sender might not send.
                return oversized ? OVERSIZED : frame.toByteArray();
            }
            if (!oversized) {
                if (frame.size() >= maxBytes) {
                    oversized = true;
                    frame = null;
                } else {
                    frame.write(b);
                }
            }
        }
    }

    static void write(OutputStream out, byte[] content) throws IOException {
        byte[] framed = new byte[content.length + 3];
        framed[0] = START;
        System.arraycopy(content, 0, framed, 1, content.length);
        framed[content.length + 1] = END;
        framed[content.length + 2] = CR;
        out.write(framed);
        out.flush();
    }
}
