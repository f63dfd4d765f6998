package org.custodian.reimbursement.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads one of the CMS tables shipped under {@code reference/ms-drg-v43/} (TSV, gzip-compressed
 * when its name ends in .gz): the header line is skipped, blank lines too, and each row is handed on
 * split at tabs with its empty fields kept. The grouper's and the code editor's tables are read so.
 */
public final class ReferenceTables {

    private ReferenceTables() {
    }

    /** Reads the classpath resource {@code resource}; {@code what} names the table in the error when it is missing. */
    public static void read(String resource, String what, Consumer<String[]> row) {
        read(TableSource.classpath(""), resource, what, row);
    }

    /** Reads {@code name} from a release's tables; {@code what} names the table in the error when it is missing. */
    static void read(TableSource source, String name, String what, Consumer<String[]> row) {
        try (InputStream in = source.open(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + what + " " + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty()) {
                    row.accept(line.split("\t", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
