package org.custodian.audit.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.custodian.audit.AuditCheckpoint;
import org.custodian.audit.ChainVerification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signs a checkpoint only over a chain that still agrees with what was vouched for before
 * (HIPAA 45 CFR 164.312(b) and (c)(1)): the newest checkpoint in the {@link CheckpointStore} and the head
 * this instance last verified. Before signing, the log must still reach both anchors' sequence numbers
 * (else its tail was truncated), hold the anchors' hashes there (else it was rewritten), and link from the
 * newer anchor to its head (else it is broken). The walk is incremental: the events since the newer
 * anchor only. A refusal is an alarm — logged (sequence numbers only, no PHI), counted in
 * {@code custodian.audit.integrity.failures}, and shown by the {@code auditChain} health indicator as DOWN
 * until a later check passes — and no checkpoint is signed.
 */
@Component
class AuditCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    /** A sequence number and the hash the chain is known to have there. */
    record Anchor(long seq, byte[] hash, String source) {
    }

    /** One check: whether the chain held, the problem if not, the checkpoint written if one was due. */
    record Result(boolean valid, String problem, AuditCheckpoint written, long head, long eventsWalked, long millis) {
    }

    private final ChainVerifier verifier;
    private final CheckpointSigner signer;
    private final CheckpointStore store;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration every;
    private final long everyEvents;
    private final Counter failures;
    private volatile Anchor verified;
    private volatile AuditCheckpoint lastCheckpoint;
    private volatile String problem;
    private volatile Instant problemAt;
    private volatile Instant lastVerifiedAt;

    @org.springframework.beans.factory.annotation.Autowired
    AuditCheckpoints(ChainVerifier verifier, CheckpointSigner signer, CheckpointStore store, JdbcClient jdbc, Clock clock,
                     MeterRegistry meters, AuditSettings settings) {
        this(verifier, signer, store, jdbc, clock, meters, settings.checkpoints().every(), settings.checkpoints().everyEvents());
    }

    AuditCheckpoints(ChainVerifier verifier, CheckpointSigner signer, CheckpointStore store, JdbcClient jdbc, Clock clock,
                     MeterRegistry meters, Duration every, long everyEvents) {
        this.verifier = verifier;
        this.signer = signer;
        this.store = store;
        this.jdbc = jdbc;
        this.clock = clock;
        this.every = every;
        this.everyEvents = everyEvents;
        this.failures = Counter.builder("custodian.audit.integrity.failures")
                .description("Checks of the audit chain that found it truncated, rewritten or broken").register(meters);
        Gauge.builder("custodian.audit.integrity", this, c -> c.problem == null ? 1 : 0)
                .description("1 while the audit chain agrees with its checkpoints, 0 after a failed check").register(meters);
        Gauge.builder("custodian.audit.checkpoint.age", this, AuditCheckpoints::checkpointAgeSeconds)
                .baseUnit("seconds").description("Age of the newest signed audit checkpoint").register(meters);
    }

    /**
     * Verifies the chain against its anchors and, when {@code due} or when the schedule says so (every
     * {@code custodian.audit.checkpoints.every} or every {@code every-events} events), signs and stores a
     * checkpoint of the head.
     */
    synchronized Result check(boolean due) {
        long started = System.nanoTime();
        long head = jdbc.sql("select coalesce(max(seq), 0) from audit_event").query(Long.class).single();
        Optional<AuditCheckpoint> newest;
        try {
            newest = store.latest();
        } catch (RuntimeException e) {
            return refuse("the newest checkpoint file cannot be read: " + e.getMessage(), head, started);
        }
        List<Anchor> anchors = new ArrayList<>();
        if (newest.isPresent()) {
            String bad = signer.problemWith(newest.get());
            if (bad != null) {
                return refuse("the newest checkpoint file (event " + newest.get().seq() + ") is not trustworthy: " + bad,
                        head, started);
            }
            lastCheckpoint = newest.get();
            anchors.add(new Anchor(newest.get().seq(), HexFormat.of().parseHex(newest.get().headHash()), "checkpoint"));
        }
        Anchor memory = verified;
        if (memory != null) {
            anchors.add(memory);
        }
        Anchor from = new Anchor(0, AuditHasher.GENESIS, "genesis");
        for (Anchor a : anchors) {
            if (head < a.seq()) {
                return refuse("the log ends at event " + head + " but the " + a.source() + " vouched for event "
                        + a.seq() + ": events were removed", head, started);
            }
            if (a.seq() > 0) {
                byte[] stored = jdbc.sql("select hash from audit_event where seq = ?").param(a.seq())
                        .query(byte[].class).optional().orElse(null);
                if (stored == null) {
                    return refuse("event " + a.seq() + ", vouched for by the " + a.source() + ", was removed", head, started);
                }
                if (!java.util.Arrays.equals(stored, a.hash())) {
                    return refuse("event " + a.seq() + " no longer has the hash the " + a.source()
                            + " recorded: the log was rewritten", head, started);
                }
            }
            if (a.seq() > from.seq()) {
                from = a;
            }
        }
        byte[] headHash = from.hash();
        long walked = 0;
        if (head > from.seq()) {
            ChainVerifier.Walk walk = verifier.walkFrom(from.seq(), from.hash(), head);
            ChainVerification chain = walk.result();
            if (!chain.valid()) {
                return refuse("the chain is broken at event " + chain.firstBrokenSeq() + ": " + chain.problem(), head, started);
            }
            walked = chain.events();
            headHash = HexFormat.of().parseHex(walk.hashAtSeq());
        }
        Instant now = clock.instant();
        verified = new Anchor(head, headHash, "check of " + now);
        lastVerifiedAt = now;
        if (problem != null) {
            log.warn("Audit chain integrity restored: the chain agrees with its checkpoints again up to event {}", head);
        }
        problem = null;
        problemAt = null;
        AuditCheckpoint written = null;
        if (due || scheduled(newest.orElse(null), head, now)) {
            written = signer.sign(head, HexFormat.of().formatHex(headHash), now);
            Path file = store.write(written);
            lastCheckpoint = written;
            log.info("Audit checkpoint at event {} signed and written to {}", head, file.getFileName());
        }
        return new Result(true, null, written, head, walked, millisSince(started));
    }

    /** See {@link org.custodian.audit.AuditLog#checkpointAfterRestore()}. */
    synchronized AuditCheckpoint reanchor() {
        long head = jdbc.sql("select coalesce(max(seq), 0) from audit_event").query(Long.class).single();
        ChainVerifier.Walk walk = verifier.walkFrom(0, AuditHasher.GENESIS, head);
        if (!walk.result().valid()) {
            throw new IllegalStateException("the restored audit chain is broken at event " + walk.result().firstBrokenSeq()
                    + ": " + walk.result().problem());
        }
        Instant now = clock.instant();
        byte[] hash = head == 0 ? AuditHasher.GENESIS : HexFormat.of().parseHex(walk.hashAtSeq());
        AuditCheckpoint c = signer.sign(head, HexFormat.of().formatHex(hash), now);
        store.write(c);
        verified = new Anchor(head, hash, "restore of " + now);
        lastVerifiedAt = now;
        lastCheckpoint = c;
        problem = null;
        problemAt = null;
        log.warn("Audit chain re-anchored after a restore: checkpoint at event {}", head);
        return c;
    }

    List<AuditCheckpoint> stored() {
        return store.all();
    }

    Path directory() {
        return store.directory();
    }

    private boolean scheduled(AuditCheckpoint newest, long head, Instant now) {
        if (newest == null) {
            return true;
        }
        return head - newest.seq() >= everyEvents
                || (!every.isZero() && Duration.between(newest.createdAt(), now).compareTo(every) >= 0);
    }

    private Result refuse(String why, long head, long started) {
        boolean first = problem == null;
        problem = why;
        problemAt = clock.instant();
        failures.increment();
        if (first) {
            log.error("AUDIT CHAIN INTEGRITY ALARM: {}. No checkpoint is signed until this is resolved.", why);
        } else {
            log.error("Audit chain integrity alarm persists: {}", why);
        }
        return new Result(false, why, null, head, 0, millisSince(started));
    }

    /** The current alarm, or null when the last check passed. */
    String problem() {
        return problem;
    }

    Instant problemAt() {
        return problemAt;
    }

    Instant lastVerifiedAt() {
        return lastVerifiedAt;
    }

    AuditCheckpoint lastCheckpoint() {
        return lastCheckpoint;
    }

    private double checkpointAgeSeconds() {
        AuditCheckpoint c = lastCheckpoint;
        return c == null ? Double.NaN : Duration.between(c.createdAt(), clock.instant()).toMillis() / 1000.0;
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
