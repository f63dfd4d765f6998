package org.custodian.coding.internal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start-up, loads the FY2025-FY2027 sets shipped in the jar when the database lacks them (a
 * fresh install codes from its first minute), the ICD-10-PCS April 1, 2026 update and the edits' reference list (POA-exempt), then warms the encoder for the newest set. The CLI
 * turns this off: {@code load-codes} loads what it is given and other commands need no codes.
 * Order 5: after the first administrator (0), before the demo hospital (10), whose coded past is
 * checked against these sets.
 */
@Component
@Order(5)
class BundledCodeSets implements ApplicationRunner {

    private final CodeSetLoader loader;
    private final LuceneEncoder encoder;
    private final JdbcReferenceLists lists;
    private final JdbcCodeSets codeSets;
    private final boolean enabled;

    /** The ICD-10-PCS April 1, 2026 update (MS-DRG v43.1's codes), see its PROVENANCE.md. */
    static final String PCS_APRIL_2026 = "reference/icd10pcs/2026-04/icd10pcs_april2026_changes.txt";

    BundledCodeSets(CodeSetLoader loader, LuceneEncoder encoder, JdbcReferenceLists lists, JdbcCodeSets codeSets,
            CodingSettings settings) {
        this.codeSets = codeSets;
        this.loader = loader;
        this.encoder = encoder;
        this.lists = lists;
        this.enabled = settings.loadBundled();
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!enabled) {
            return;
        }
        loader.loadBundledIfMissing();
        loadAprilUpdate(codeSets);
        lists.loadBundled();
        encoder.warmUp();
    }

    /** Keeps the April 1, 2026 ICD-10-PCS changes once (a second call changes nothing). */
    static int loadAprilUpdate(JdbcCodeSets codeSets) throws java.io.IOException {
        java.util.List<String> lines;
        try (java.io.InputStream in = new org.springframework.core.io.ClassPathResource(PCS_APRIL_2026).getInputStream()) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
        return codeSets.loadUpdate(org.custodian.coding.CodeSystem.ICD10PCS, java.time.LocalDate.of(2026, 4, 1), lines,
                "classpath:" + PCS_APRIL_2026);
    }
}
