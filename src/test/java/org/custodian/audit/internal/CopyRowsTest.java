package org.custodian.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditOutcome;
import org.junit.jupiter.api.Test;

/**
 * The writer encodes events as binary COPY rows and hashes those bytes; the verifier parses the
 * same format back from PostgreSQL. Both must agree with the chain's documented encoding, and the
 * parser must survive rows split anywhere across reads and rows larger than its buffer.
 */
class CopyRowsTest {

    static final Instant AT = Instant.parse("2026-01-02T03:04:05.123456Z");

    @Test
    void hashesOfEncodedRowsMatchTheKnownAnswers() {
        AuditHasher hasher = new AuditHasher();
        CopyRows rows = new CopyRows();
        rows.reset();
        byte[] first = rows.add(1, new AuditEntry(AT, "test-user", "AUDITOR,CODER", 42L, "Patient", "42",
                AuditAction.READ, "TREAT", "127.0.0.1", AuditOutcome.SUCCESS, "caf\u00e9"), AuditHasher.GENESIS, hasher);
        byte[] second = rows.add(2, new AuditEntry(AT, "system", null, null, null, null,
                AuditAction.LOGIN, "HOPERAT", null, AuditOutcome.FAILURE, null), first, hasher);
        assertThat(HexFormat.of().formatHex(first))
                .isEqualTo("6b9073d0fc5d4728eb2097464a8c0cec5239ba5f3ce398d9577fb38caaa5cf1a");
        assertThat(HexFormat.of().formatHex(second))
                .isEqualTo("5c23e0fd7d851a805cab9e29a2143bdb79733de67ae71fda328baca405c3ca8f");
    }

    @Test
    void theParserReadsBackEveryRowWhateverTheChunkingAndSize() throws IOException {
        Random random = new Random(7);
        AuditHasher hasher = new AuditHasher();
        CopyRows rows = new CopyRows();
        rows.reset();
        List<AuditEntry> entries = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        byte[] prev = AuditHasher.GENESIS;
        for (int i = 1; i <= 3_000; i++) {
            // Mostly short details, some far larger than the parser's starting buffer.
            String detail = i % 500 == 0 ? "x".repeat(5_000 + random.nextInt(5_000))
                    : i % 7 == 0 ? null : "detail " + "\u00e9".repeat(random.nextInt(40));
            AuditEntry e = new AuditEntry(AT.plusSeconds(i), "user" + i, "CODER", i % 3 == 0 ? null : (long) i,
                    "Patient", String.valueOf(i), AuditAction.READ, "TREAT", null, AuditOutcome.SUCCESS, detail);
            entries.add(e);
            prev = rows.add(i, e, prev, hasher);
            hashes.add(prev);
        }
        rows.finish();
        byte[] stream = Arrays.copyOf(rows.buffer(), rows.size());

        ChainVerifier.Rows parser = new ChainVerifier.Rows(new Trickle(stream, random), 1_024);
        AuditHasher rehash = new AuditHasher();
        byte[] link = AuditHasher.GENESIS;
        byte[] computed = new byte[32];
        int n = 0;
        while (parser.next()) {
            n++;
            byte[] b = parser.buf;
            int[] f = parser.field;
            assertThat(AuditHasher.getLong(b, f[0] + 4)).isEqualTo(n);
            AuditEntry e = entries.get(n - 1);
            assertThat(text(parser, 2)).isEqualTo(e.username());
            assertThat(text(parser, 11)).isEqualTo(e.detail());
            assertThat(parser.length(4)).isEqualTo(e.patientId() == null ? -1 : 8);
            assertThat(Arrays.copyOfRange(b, f[12] + 4, f[12] + 36)).isEqualTo(link);
            rehash.hashCopyRow(link, b, f, computed, 0);
            assertThat(computed).isEqualTo(hashes.get(n - 1));
            // And the field-by-field hash of the entry agrees with the wire-bytes hash.
            assertThat(rehash.hash(n, e, link)).isEqualTo(computed);
            link = Arrays.copyOfRange(b, f[13] + 4, f[13] + 36);
        }
        assertThat(n).isEqualTo(3_000);
    }

    private static String text(ChainVerifier.Rows rows, int i) {
        int length = rows.length(i);
        return length < 0 ? null : new String(rows.buf, rows.field[i] + 4, length, StandardCharsets.UTF_8);
    }

    /** Hands out a few bytes at a time, as a network stream may. */
    static final class Trickle extends InputStream {
        private final ByteArrayInputStream in;
        private final Random random;

        Trickle(byte[] bytes, Random random) {
            this.in = new ByteArrayInputStream(bytes);
            this.random = random;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, 1 + random.nextInt(700)));
        }
    }
}
