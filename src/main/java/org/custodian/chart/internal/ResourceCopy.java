package org.custodian.chart.internal;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.postgresql.copy.CopyIn;

/**
 * New {@code clinical_resource} rows as PostgreSQL's binary COPY, streamed to the server in chunks
 * of {@link #CHUNK} bytes: each field goes as its length and bytes (no escaping of the JSON and no
 * text form of the arrays and timestamps for the server to parse), and no bundle-sized string is
 * built on the way (a bundle of a few hundred resources made one of several megabytes, allocated
 * as a humongous object by G1 and copied twice).
 */
final class ResourceCopy {

    static final String COLUMNS = "resource_type, fhir_id, source, source_key, last_updated, patient_id, encounter_id,"
            + " status, date_start, date_end, terms, sensitivity, shared_refs, resource";
    private static final int FIELDS = 14;
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** Microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01 (UTC). */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int TEXT_OID = 25;
    private static final int CHUNK = 256 * 1024;

    private final CopyIn copy;
    private byte[] buf = new byte[CHUNK + 64 * 1024];
    private int size;

    ResourceCopy(CopyIn copy) throws SQLException {
        this.copy = copy;
        put(SIGNATURE);
        putInt(0); // flags
        putInt(0); // header extension
    }

    /** One row, in {@link #COLUMNS} order. */
    void row(String type, String fhirId, String source, String sourceKey, Instant lastUpdated, Long patientId,
             Long encounterId, String status, Instant dateStart, Instant dateEnd, List<String> terms, List<String> tags,
             List<String> sharedRefs, String json) throws SQLException {
        putShort(FIELDS);
        text(type);
        text(fhirId);
        text(source);
        text(sourceKey);
        timestamp(lastUpdated);
        bigint(patientId);
        bigint(encounterId);
        text(status);
        timestamp(dateStart);
        timestamp(dateEnd);
        textArray(terms);
        textArray(tags);
        if (sharedRefs.isEmpty()) {
            putInt(-1); // none: null, not an empty array
        } else {
            textArray(sharedRefs);
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        putInt(body.length + 1);
        ensure(1);
        buf[size++] = 1; // jsonb's binary format: version 1, then the JSON text
        put(body);
        if (size >= CHUNK) {
            flush();
        }
    }

    /** Sends the trailer and ends the COPY; the number of rows written. */
    long finish() throws SQLException {
        putShort(-1);
        flush();
        return copy.endCopy();
    }

    private void flush() throws SQLException {
        if (size > 0) {
            copy.writeToCopy(buf, 0, size);
            size = 0;
        }
    }

    private void text(String s) {
        if (s == null) {
            putInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        put(bytes);
    }

    private void bigint(Long v) {
        if (v == null) {
            putInt(-1);
            return;
        }
        putInt(8);
        putLong(v);
    }

    private void timestamp(Instant t) {
        if (t == null) {
            putInt(-1);
            return;
        }
        putInt(8);
        putLong(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000) - PG_EPOCH_MICROS);
    }

    /** A one-dimensional text[] (array_recv's format); an empty list is the empty array. */
    private void textArray(List<String> values) {
        byte[][] elements = new byte[values.size()][];
        int length = values.isEmpty() ? 12 : 20;
        for (int i = 0; i < elements.length; i++) {
            elements[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
            length += 4 + elements[i].length;
        }
        putInt(length);
        putInt(values.isEmpty() ? 0 : 1); // dimensions
        putInt(0); // no nulls
        putInt(TEXT_OID);
        if (!values.isEmpty()) {
            putInt(elements.length);
            putInt(1); // lower bound
            for (byte[] e : elements) {
                putInt(e.length);
                put(e);
            }
        }
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    private void putShort(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void putInt(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
