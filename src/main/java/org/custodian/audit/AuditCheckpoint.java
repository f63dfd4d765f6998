package org.custodian.audit;

import java.time.Instant;

/**
 * A signed statement "at sequence {@code seq} the chain's head hash was {@code headHash}",
 * exported and kept away from the database. Signed with Ed25519 by a key outside the database,
 * so a rewrite of the whole table — which a chain alone cannot reveal — no longer matches it.
 */
public record AuditCheckpoint(long seq, String headHash, Instant createdAt, String publicKey, String signature) {
}
