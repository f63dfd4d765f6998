package org.custodian.coding.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.custodian.coding.CodeEntry;
import org.custodian.coding.CodeHit;
import org.custodian.coding.CodeSystem;
import org.custodian.coding.Encoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * One in-memory index per code set, built from the database on first use (a second or two for
 * ~100,000 codes) and dropped when that set is reloaded. Indexes live in memory rather than on disk:
 * rebuilding is cheap and there is then nothing to keep in step with the tables.
 */
@Service
class LuceneEncoder implements Encoder {

    private static final Logger log = LoggerFactory.getLogger(LuceneEncoder.class);

    private record Key(CodeSystem system, int fiscalYear) {
    }

    private final JdbcCodeSets codeSets;
    private final Map<Key, CompletableFuture<CodeIndex>> indexes = new ConcurrentHashMap<>();

    LuceneEncoder(JdbcCodeSets codeSets) {
        this.codeSets = codeSets;
    }

    @Override
    public List<CodeHit> search(CodeSystem system, int fiscalYear, String query, int limit) {
        return index(system, fiscalYear).search(query, limit);
    }

    CodeIndex index(CodeSystem system, int fiscalYear) {
        Key key = new Key(system, fiscalYear);
        CompletableFuture<CodeIndex> existing = indexes.get(key);
        if (existing == null) {
            CompletableFuture<CodeIndex> mine = new CompletableFuture<>();
            existing = indexes.putIfAbsent(key, mine);
            if (existing == null) {
                existing = mine;
                try {
                    mine.complete(build(system, fiscalYear));
                } catch (RuntimeException | Error e) {
                    indexes.remove(key, mine); // a set loaded later gets its index
                    mine.completeExceptionally(e);
                }
            }
        }
        try {
            return existing.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private CodeIndex build(CodeSystem system, int fiscalYear) {
        long start = System.nanoTime();
        List<CodeEntry> entries = codeSets.all(system, fiscalYear);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("fy: no " + system.title() + " code set is loaded for FY" + fiscalYear);
        }
        CodeIndex index = CodeIndex.build(system, fiscalYear, entries);
        log.info("Encoder index {} built in {} ms", index, (System.nanoTime() - start) / 1_000_000);
        return index;
    }

    /** Builds the newest sets' indexes in the background so that the first search is fast. */
    void warmUp() {
        Thread t = new Thread(() -> {
            for (CodeSystem system : CodeSystem.values()) {
                codeSets.latestLoaded(system, Integer.MAX_VALUE).ifPresent(fy -> {
                    try {
                        index(system, fy);
                    } catch (RuntimeException e) {
                        log.warn("Encoder warm-up of {} FY{} failed: {}", system.title(), fy, e.getClass().getSimpleName());
                    }
                });
            }
        }, "encoder-warm-up");
        t.setDaemon(true);
        t.start();
    }

    @EventListener
    void on(CodeSetLoaded loaded) {
        indexes.remove(new Key(loaded.system(), loaded.fiscalYear()));
    }
}
