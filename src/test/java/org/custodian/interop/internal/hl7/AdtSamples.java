package org.custodian.interop.internal.hl7;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The real sample ADT messages of ../shared/data/hl7v2, and a way to give one its own control id,
 * MRN and visit number so that tests sharing one database never collide. The rewriting is of
 * whole fields by position, on the raw text (the samples are the test's input, not parsed by us).
 */
final class AdtSamples {

    static final Path DIR = Path.of("../shared/data/hl7v2");

    private AdtSamples() {
    }

    static List<Path> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".hl7")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String name) {
        return read(DIR.resolve(name));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }

    /**
     * The sample with MSH-10, PID-3, PV1-19 and MRG-1 replaced where given (null leaves a field).
     * Segments are rejoined with CR; the original line ends are normalised by the receiver anyway.
     */
    static String rewrite(String sample, String controlId, String mrn, String visit, String priorMrn) {
        List<String> out = new ArrayList<>();
        for (String segment : sample.split("\r\n|\r|\n")) {
            if (segment.isBlank()) {
                continue;
            }
            if (segment.startsWith("\uFEFF")) {
                segment = segment.substring(1);
            }
            String[] f = segment.split("\\|", -1);
            switch (f[0]) {
                case "MSH" -> set(f, 9, controlId);
                case "PID" -> set(f, 3, mrn == null ? null : mrn + "^^^TEST^MR");
                case "PV1" -> set(f, 19, visit);
                case "MRG" -> set(f, 1, priorMrn == null ? null : priorMrn + "^^^TEST^MR");
                default -> {
                }
            }
            out.add(String.join("|", f));
        }
        return String.join("\r", out) + "\r";
    }

    /** Sets field {@code index} of a split segment (for MSH, index 9 is MSH-10), growing it if needed. */
    private static void set(String[] f, int index, String value) {
        if (value != null && index < f.length) {
            f[index] = value;
        }
    }

    static String field(String message, String segmentName, int index) {
        for (String segment : message.split("\r")) {
            if (segment.startsWith(segmentName + "|")) {
                String[] f = segment.split("\\|", -1);
                return index < f.length ? f[index] : "";
            }
        }
        return null;
    }
}
