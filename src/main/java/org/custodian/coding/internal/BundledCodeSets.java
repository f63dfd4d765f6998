package org.custodian.coding.internal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start-up, loads the FY2025-FY2027 sets shipped in the jar when the database lacks them (a
 * fresh install codes from its first minute) and the edits' reference list (POA-exempt), then warms the encoder for the newest set. The CLI
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
    private final boolean enabled;

    BundledCodeSets(CodeSetLoader loader, LuceneEncoder encoder, JdbcReferenceLists lists,
            CodingSettings settings) {
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
        lists.loadBundled();
        encoder.warmUp();
    }
}
