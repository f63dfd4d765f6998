package org.custodian.interop.internal.fhir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared Synthea data, and what each file should put in the chart, counted from the file
 * itself with a plain JSON reader (not HAPI, not the importer).
 */
final class SyntheaFiles {

    static final Path ROOT = Path.of("../shared/data/synthea");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SyntheaFiles() {
    }

    static List<Path> bundles() {
        return FhirImports.expand(List.of(ROOT.resolve("bundles-hiv"), ROOT.resolve("bundles-covid-juvenile")));
    }

    static List<Path> ndjson(String set) {
        return FhirImports.expand(List.of(ROOT.resolve(set)));
    }

    /** Resources per type: every resource of the file is kept (45 CFR 164.501, the designated record set). */
    static Map<String, Integer> expected(Path file) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode r : resources(file)) {
            counts.merge(r.path("resourceType").asString(), 1, Integer::sum);
        }
        return counts;
    }

    /** DiagnosticReports that carry a presentedForm: also filed as the chart's documents. */
    static int reportsWithText(Path file) throws IOException {
        int n = 0;
        for (JsonNode r : resources(file)) {
            if (r.path("resourceType").asString().equals("DiagnosticReport")
                    && r.path("presentedForm").isArray() && !r.path("presentedForm").isEmpty()) {
                n++;
            }
        }
        return n;
    }

    /** The resources of a bundle or NDJSON file, read with a plain JSON reader. */
    static List<JsonNode> resources(Path file) throws IOException {
        List<JsonNode> resources = new ArrayList<>();
        String name = file.getFileName().toString();
        if (name.endsWith(".ndjson")) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    resources.add(JSON.readTree(line));
                }
            }
        } else {
            for (JsonNode entry : JSON.readTree(file.toFile()).path("entry")) {
                resources.add(entry.path("resource"));
            }
        }
        return resources;
    }
}
