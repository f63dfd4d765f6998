package org.custodian.coding.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a bundled CMS order file independently of the product's parser, the way one would with
 * awk: code in columns 7-13, flag in column 15. Tests compare the product against this.
 */
final class OrderFiles {

    private OrderFiles() {
    }

    static String resource(String system, int fy) {
        return "reference/" + system + "/" + fy + "/" + system + "_order_" + fy + ".txt.gz";
    }

    /** Code → billable, in file order. */
    static Map<String, Boolean> codes(String system, int fy) {
        Map<String, Boolean> codes = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                OrderFiles.class.getClassLoader().getResourceAsStream(resource(system, fy))), StandardCharsets.ISO_8859_1))) {
            String line;
            while ((line = in.readLine()) != null) {
                codes.put(line.substring(6, 13).trim(), line.charAt(14) == '1');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return codes;
    }

    static long billable(Map<String, Boolean> codes) {
        return codes.values().stream().filter(b -> b).count();
    }
}
