package org.custodian.interop.internal.hl7;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The ORU and MDM samples of src/test/resources/hl7v2 (see its README), with their placeholders
 * ({CONTROL}, {MRN}, {VISIT}, {DOC}, {FILLER}) replaced by the test's values.
 */
final class ResultSamples {

    private ResultSamples() {
    }

    static String read(String name) {
        try (InputStream in = ResultSamples.class.getResourceAsStream("/hl7v2/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample with each {KEY} of {@code values} replaced (a missing key leaves its placeholder). */
    static String fill(String name, Map<String, String> values) {
        String text = read(name);
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("{" + e.getKey() + "}", e.getValue());
        }
        return text;
    }
}
