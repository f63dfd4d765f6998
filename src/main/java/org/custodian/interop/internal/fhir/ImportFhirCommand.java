package org.custodian.interop.internal.fhir;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.custodian.CliCommand;
import org.custodian.privacy.Role;
import org.custodian.privacy.SystemAccess;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar custodian.jar import-fhir PATH…}: bundles (JSON, XML), NDJSON files and folders
 * of them, each file all-or-nothing, with a progress bar, totals per resource type and a report of
 * the rejected files. Exit status 1 when any file was rejected.
 */
@Component
class ImportFhirCommand implements CliCommand {

    private final FhirImports imports;
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    ImportFhirCommand(FhirImports imports) {
        this.imports = imports;
    }

    /** For tests: where the report and the progress go. */
    void redirect(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public String name() {
        return "import-fhir";
    }

    @Override
    public String usage() {
        return "PATH…  import FHIR R4 bundles (JSON/XML), NDJSON files or folders of them; exit 1 if any file is rejected";
    }

    /**
     * Runs as the system actor {@code cli:import-fhir} with the interface engine's permissions: an
     * operator at the server's console imports as the EHR's feed would, checked by the same services.
     */
    @Override
    public int run(String[] args) {
        return SystemAccess.call("cli:" + name(), Role.INTERFACE_ENGINE.permissions(), () -> importAll(args));
    }

    private int importAll(String[] args) {
        if (args.length == 0) {
            err.println("usage: import-fhir PATH…");
            return 2;
        }
        List<Path> paths = Arrays.stream(args).map(Path::of).toList();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                err.println("import-fhir: no such file or folder: " + p);
                return 2;
            }
        }
        List<Path> files = FhirImports.expand(paths);
        Map<String, Integer> created = new TreeMap<>();
        Map<String, Integer> unchanged = new TreeMap<>();
        Map<String, Integer> updated = new TreeMap<>();
        List<String> rejected = new ArrayList<>();
        long resources = 0;
        long started = System.nanoTime();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            FhirImports.Outcome outcome = imports.importFile(file);
            if (outcome.accepted()) {
                ImportReport r = outcome.report();
                r.created().forEach((t, n) -> created.merge(t, n, Integer::sum));
                r.unchanged().forEach((t, n) -> unchanged.merge(t, n, Integer::sum));
                r.updated().forEach((t, n) -> updated.merge(t, n, Integer::sum));
                resources += r.resources();
            } else {
                rejected.add(file + ": " + outcome.rejection().getMessage());
            }
            progress(i + 1, files.size(), resources, rejected.size(), started);
        }
        err.println();
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("import-fhir: %d file(s), %d accepted, %d rejected; %,d resources in %.1f s (%,.0f resources/s)%n",
                files.size(), files.size() - rejected.size(), rejected.size(), resources, seconds, resources / Math.max(seconds, 1e-9));
        out.println("created:    " + format(created));
        out.println("unchanged:  " + format(unchanged) + "  (already imported)");
        out.println("updated:    " + format(updated) + "  (changed since the last import: new version kept)");
        if (!rejected.isEmpty()) {
            out.println("rejected files (nothing of them was stored):");
            rejected.forEach(r -> out.println("  " + r));
            return 1;
        }
        return 0;
    }

    private void progress(int done, int total, long resources, int rejected, long started) {
        int width = 30;
        int filled = total == 0 ? width : done * width / total;
        err.printf("\r[%s%s] %d/%d files, %,d resources, %d rejected, %.0f s", "#".repeat(filled), " ".repeat(width - filled),
                done, total, resources, rejected, (System.nanoTime() - started) / 1e9);
        err.flush();
    }

    private static String format(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        counts.forEach((t, n) -> sb.append(sb.isEmpty() ? "" : ", ").append(t).append(' ').append(String.format("%,d", n)));
        return sb.toString();
    }
}
