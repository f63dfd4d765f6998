package org.custodian.reimbursement.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Where a grouper release's tables are read from: the classpath (the bundled v43), a directory
 * ({@code load-grouper DIR}) or the files a release was stored with. A table is found under its name
 * or its name with {@code .gz} added or removed (gzip-compressed either way).
 */
public interface TableSource {

    /** The raw bytes of a table, null when there is none under that name. */
    InputStream raw(String name) throws IOException;

    /** The table, decompressed, under its name or the .gz variant; null when neither exists. */
    default InputStream open(String name) throws IOException {
        String other = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name + ".gz";
        for (String n : new String[] {name, other}) {
            InputStream in = raw(n);
            if (in != null) {
                return n.endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
            }
        }
        return null;
    }

    /** The name a table is stored under, when it exists (name or its .gz variant). */
    default String stored(String name) throws IOException {
        String other = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name + ".gz";
        for (String n : new String[] {name, other}) {
            InputStream in = raw(n);
            if (in != null) {
                in.close();
                return n;
            }
        }
        return null;
    }

    static TableSource classpath(String root) {
        return name -> TableSource.class.getResourceAsStream(root + name);
    }

    static TableSource directory(Path dir) {
        return name -> {
            Path p = dir.resolve(name);
            return Files.isRegularFile(p) ? Files.newInputStream(p) : null;
        };
    }

    static TableSource files(Map<String, byte[]> files) {
        return name -> {
            byte[] b = files.get(name);
            return b == null ? null : new java.io.ByteArrayInputStream(b);
        };
    }
}
