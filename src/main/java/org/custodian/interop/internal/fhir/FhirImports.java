package org.custodian.interop.internal.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.custodian.interop.FhirBundleImport;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Service;

/** The import as the three ways in (API, CLI, upload page) use it: content in, report or rejection out. */
@Service
class FhirImports implements FhirBundleImport {

    /** One unit of input (a bundle or an NDJSON file): what it did, or why it was rejected whole. */
    record Outcome(String name, ImportReport report, BundleRejected rejection) {
        boolean accepted() {
            return rejection == null;
        }
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FhirImports.class);

    private final FhirInput input;
    private final BundleImporter importer;

    FhirImports(FhirInput input, BundleImporter importer) {
        this.input = input;
        this.importer = importer;
    }

    @Override
    public Result importContent(String name, byte[] content) {
        return result(importUnit(name, content));
    }

    @Override
    public Result importBundle(String name, Bundle bundle) {
        Outcome o;
        try {
            o = new Outcome(name, importer.importBundle(bundle), null);
        } catch (BundleRejected rejected) {
            o = new Outcome(name, null, rejected);
        }
        return result(o);
    }

    private static Result result(Outcome o) {
        return o.accepted()
                ? new Result(o.name(), o.report().resources(), o.report().created(), o.report().updated(), o.report().unchanged(), null)
                : new Result(o.name(), 0, java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), o.rejection().getMessage());
    }

    Outcome importUnit(String name, byte[] content) {
        try {
            Bundle bundle = input.parse(content, name.toLowerCase(Locale.ROOT).endsWith(".ndjson"));
            return new Outcome(name, importer.importBundle(bundle), null);
        } catch (BundleRejected rejected) {
            return new Outcome(name, null, rejected);
        } catch (RuntimeException unexpected) {
            // Input the checks did not foresee: still a rejection of the whole unit, never a 5xx.
            // The message may quote the content, so only the kind and the place are logged.
            log.warn("FHIR import of {} failed unexpectedly: {} at {}", name.replaceAll("[^A-Za-z0-9._-]", "_"),
                    unexpected.getClass().getName(), unexpected.getStackTrace().length > 0 ? unexpected.getStackTrace()[0] : "?");
            return new Outcome(name, null, new BundleRejected(org.hl7.fhir.r4.model.OperationOutcome.IssueType.EXCEPTION, null,
                    "the content could not be processed (" + unexpected.getClass().getSimpleName() + "); nothing was stored"));
        }
    }

    Outcome importFile(Path file) {
        try {
            return importUnit(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            return new Outcome(file.toString(), null, new BundleRejected(
                    org.hl7.fhir.r4.model.OperationOutcome.IssueType.EXCEPTION, null, "cannot read the file: " + e.getMessage()));
        }
    }

    /**
     * The files to import, folders expanded, in the order references need: organizations and
     * practitioners (Synthea's hospital and practitioner bundles) first, then patients, then
     * encounters, then the rest. A bulk export's {@code log.ndjson} is not FHIR data and is skipped.
     */
    static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(FhirImports::isFhirFile).forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                files.add(path);
            }
        }
        files.sort(Comparator.comparingInt(FhirImports::rank).thenComparing(Path::toString));
        return files;
    }

    private static boolean isFhirFile(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return (name.endsWith(".json") || name.endsWith(".xml") || name.endsWith(".ndjson")) && !name.equals("log.ndjson");
    }

    static int rank(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.startsWith("hospital") || name.startsWith("organization")) {
            return 0;
        }
        if (name.startsWith("practitioner")) {
            return name.startsWith("practitionerrole") ? 4 : 1;
        }
        if (name.startsWith("patient")) {
            return 2;
        }
        if (name.startsWith("encounter")) {
            return 3;
        }
        return 4;
    }
}
