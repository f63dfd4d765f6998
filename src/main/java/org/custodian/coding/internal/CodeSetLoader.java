package org.custodian.coding.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.custodian.coding.CodeSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Loads CMS order files (or, where CMS's order file is not at hand, its codes file): the sets bundled
 * under {@code reference/} (FY2025, FY2026, FY2027) and any
 * directory an administrator points {@code load-codes} at, so that a new fiscal year needs no release.
 */
@Component
class CodeSetLoader {

    private static final Logger log = LoggerFactory.getLogger(CodeSetLoader.class);

    /** The sets shipped in the jar; see reference/PROVENANCE.md. */
    static final List<String> BUNDLED = List.of(
            "reference/icd10cm/2025/icd10cm_order_2025.txt.gz",
            "reference/icd10cm/2026/icd10cm_order_2026.txt.gz",
            "reference/icd10pcs/2025/icd10pcs_order_2025.txt.gz",
            "reference/icd10pcs/2026/icd10pcs_order_2026.txt.gz",
            "reference/icd10cm/2027/icd10cm_order_2027.txt.gz",
            "reference/icd10pcs/2027/icd10pcs_codes_2027.txt.gz");

    /** What one file did: its counts, and whether it changed the database. */
    record Outcome(CodeSystem system, int fiscalYear, int codes, int billable, int headers, boolean changed, String source) {
    }

    interface Opener {
        InputStream open() throws IOException;
    }

    private final JdbcCodeSets codeSets;

    CodeSetLoader(JdbcCodeSets codeSets) {
        this.codeSets = codeSets;
    }

    /**
     * Loads the bundled sets that are missing. A set already present is not even read, so start-up
     * stays fast once the database has them.
     */
    List<Outcome> loadBundledIfMissing() throws IOException, SQLException {
        List<Outcome> outcomes = new ArrayList<>();
        for (String resource : BUNDLED) {
            Object[] id = OrderFile.identify(resource).orElseThrow();
            CodeSystem system = (CodeSystem) id[0];
            int fy = (Integer) id[1];
            if (codeSets.isLoaded(system, fy)) {
                continue;
            }
            ClassPathResource r = new ClassPathResource(resource);
            outcomes.add(load(system, fy, "classpath:" + resource, () -> new GZIPInputStream(r.getInputStream(), 1 << 16)));
        }
        return outcomes;
    }

    /**
     * Loads every order file in the directory (and in zip files there, as CMS ships them), up to
     * three levels deep. Each file is all or nothing; two files for the same set are refused.
     */
    List<Outcome> loadDirectory(Path dir) throws IOException, SQLException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        List<Candidate> candidates = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir, 3)) {
            for (Path p : files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
                String name = p.getFileName().toString();
                if (name.toLowerCase().endsWith(".zip")) {
                    try (ZipFile zip = new ZipFile(p.toFile())) {
                        for (ZipEntry e : zip.stream().toList()) {
                            identify(e.getName()).ifPresent(id -> candidates.add(new Candidate(id, p + "!" + e.getName(),
                                    () -> unzip(p, e.getName()))));
                        }
                    }
                } else {
                    identify(name).ifPresent(id -> candidates.add(new Candidate(id, p.toString(),
                            () -> name.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(p), 1 << 16)
                                    : Files.newInputStream(p))));
                }
            }
        }
        // An order file and a codes file of one set: the order file (it has the headers and short titles).
        Set<String> withOrder = new HashSet<>();
        candidates.stream().filter(c -> !OrderFile.isCodesFile(c.source)).forEach(c -> withOrder.add(c.id.system.id() + c.id.fiscalYear));
        candidates.removeIf(c -> OrderFile.isCodesFile(c.source) && withOrder.contains(c.id.system.id() + c.id.fiscalYear));
        Set<String> seen = new HashSet<>();
        for (Candidate c : candidates) {
            if (!seen.add(c.id.system.id() + c.id.fiscalYear)) {
                throw new IllegalArgumentException("more than one " + c.id.system.title() + " FY" + c.id.fiscalYear
                        + " order file in " + dir);
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Candidate c : candidates) {
            outcomes.add(load(c.id.system, c.id.fiscalYear, c.source, c.opener));
        }
        return outcomes;
    }

    Outcome load(CodeSystem system, int fiscalYear, String source, Opener opener) throws IOException, SQLException {
        long start = System.nanoTime();
        OrderFile.Parsed parsed;
        try (InputStream in = opener.open()) {
            parsed = OrderFile.parse(system, fiscalYear, in, OrderFile.isCodesFile(source.replace("classpath:", "")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        boolean changed = codeSets.load(parsed, source);
        log.info("{} FY{}: {} codes ({} billable) {} from {} in {} ms", system.title(), fiscalYear,
                parsed.entries().size(), parsed.billable(), changed ? "loaded" : "already loaded", source,
                (System.nanoTime() - start) / 1_000_000);
        return new Outcome(system, fiscalYear, parsed.entries().size(), parsed.billable(), parsed.headers(), changed, source);
    }

    private record Id(CodeSystem system, int fiscalYear) {
    }

    private record Candidate(Id id, String source, Opener opener) {
    }

    private static Optional<Id> identify(String name) {
        return OrderFile.identify(name).map(a -> new Id((CodeSystem) a[0], (Integer) a[1]));
    }

    private static InputStream unzip(Path zipPath, String entry) throws IOException {
        ZipFile zip = new ZipFile(zipPath.toFile());
        InputStream in = zip.getInputStream(zip.getEntry(entry));
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                super.close();
                zip.close();
            }
        };
    }
}
