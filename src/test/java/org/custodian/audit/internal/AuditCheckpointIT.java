package org.custodian.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.custodian.audit.AuditCheckpoint;
import org.custodian.audit.AuditLog;
import org.custodian.audit.ChainVerification;
import org.custodian.audit.CheckpointVerification;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chain alone cannot reveal a rewrite of the whole table: recompute every hash and it links
 * again. A checkpoint signed with a key outside the database can (HIPAA 45 CFR 164.312(c)(1),
 * mechanisms to corroborate that the record was not altered).
 */
@CustodianTest
class AuditCheckpointIT {

    @Autowired AuditLog log;
    @Autowired DataSource dataSource;
    @Autowired PlatformTransactionManager transactions;
    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired JsonMapper json;

    AuditTamper tamper;
    List<Long> seqs;

    @BeforeEach
    void events() {
        tamper = new AuditTamper(dataSource, transactions);
        seqs = tamper.appendMarked(log, 3);
    }

    @AfterEach
    void chainIsIntactAgain() {
        ChainVerification v = log.verify();
        assertThat(v.valid()).as("%s", v).isTrue();
    }

    @Test
    void anUntouchedLogMatchesItsCheckpointEvenAfterMoreEvents() {
        AuditCheckpoint checkpoint = log.checkpoint();
        assertThat(checkpoint.seq()).isGreaterThanOrEqualTo(seqs.get(2) + 1);
        assertThat(checkpoint.headHash()).hasSize(64);
        assertThat(log.verify(checkpoint).valid()).isTrue();

        tamper.appendMarked(log, 2);
        CheckpointVerification later = log.verify(checkpoint);
        assertThat(later.valid()).as("%s", later).isTrue();
        assertThat(later.chain().events()).isGreaterThan(checkpoint.seq());

        JsonNode exported = exportOverHttp();
        JsonNode checked = checkOverHttp(exported.toString());
        assertThat(checked.get("valid").asBoolean()).as(checked.toString()).isTrue();
    }

    @Test
    void aConsistentRewriteOfTheWholeChainIsCaughtByTheCheckpoint() {
        AuditCheckpoint checkpoint = log.checkpoint();
        String exported = exportOverHttp().toString();
        long victim = seqs.get(1);
        String original = tamper.rows(List.of(victim)).get(0).detail();

        tamper.rewriteFrom(victim, r -> r.seq() == victim ? r.withDetail("nothing to see here") : r);
        try {
            // The chain alone cannot tell: every link was recomputed.
            ChainVerification chain = log.verify();
            assertThat(chain.valid()).as("a consistent rewrite passes the chain check: %s", chain).isTrue();

            CheckpointVerification v = log.verify(checkpoint);
            assertThat(v.valid()).isFalse();
            assertThat(v.problem()).contains("rewritten");

            JsonNode overHttp = checkOverHttp(exported);
            assertThat(overHttp.get("valid").asBoolean()).as(overHttp.toString()).isFalse();
            assertThat(overHttp.get("problem").asString()).contains("rewritten");
        } finally {
            tamper.rewriteFrom(victim, r -> r.seq() == victim ? r.withDetail(original) : r);
        }
        // Restored content gives back the very hashes the checkpoint signed.
        assertThat(log.verify(checkpoint).valid()).isTrue();
        assertThat(checkOverHttp(exported).get("valid").asBoolean()).isTrue();
    }

    @Test
    void removedTailEventsAreCaughtByTheCheckpoint() {
        AuditCheckpoint checkpoint = log.checkpoint();
        long from = seqs.get(1);
        CheckpointVerification v = tamper.rolledBack(
                jdbc -> jdbc.update("delete from audit_event where seq >= ?", from), () -> log.verify(checkpoint));
        assertThat(v.valid()).isFalse();
        assertThat(v.problem()).contains("removed");
    }

    @Test
    void aForgedSignatureIsRejected() {
        AuditCheckpoint real = log.checkpoint();
        byte[] signature = Base64.getDecoder().decode(real.signature());
        signature[10] ^= 1;
        AuditCheckpoint flipped = new AuditCheckpoint(real.seq(), real.headHash(), real.createdAt(), real.publicKey(),
                Base64.getEncoder().encodeToString(signature));
        assertRejected(flipped, "signature");

        // A genuine signature over another statement: the content no longer matches it.
        String otherHead = (real.headHash().charAt(0) == '0' ? "1" : "0") + real.headHash().substring(1);
        assertRejected(new AuditCheckpoint(real.seq(), otherHead, real.createdAt(), real.publicKey(), real.signature()),
                "signature");
        assertRejected(new AuditCheckpoint(real.seq() - 1, real.headHash(), real.createdAt(), real.publicKey(),
                real.signature()), "signature");
        assertRejected(new AuditCheckpoint(real.seq(), real.headHash(), real.createdAt(), real.publicKey(),
                "not base64!"), "malformed");
    }

    @Test
    void aCheckpointFromAnotherKeyIsRejected(@TempDir Path otherKeys) {
        AuditCheckpoint real = log.checkpoint();
        // Correct head, properly signed, but by a key this installation does not hold.
        AuditCheckpoint foreign = new CheckpointSigner(otherKeys.toString()).sign(real.seq(), real.headHash(), Instant.now());
        assertRejected(foreign, "not signed by this installation");
        // Claiming our public key does not help: the signature does not verify under it.
        AuditCheckpoint impostor = new AuditCheckpoint(foreign.seq(), foreign.headHash(), foreign.createdAt(),
                real.publicKey(), foreign.signature());
        assertRejected(impostor, "signature does not match");
    }

    @Test
    void anIncompleteOrMalformedCheckpointIsRejectedNotAnError() {
        AuditCheckpoint real = log.checkpoint();
        assertRejected(new AuditCheckpoint(real.seq(), real.headHash(), real.createdAt(), real.publicKey(), null),
                "incomplete");
        // Missing fields or broken JSON: a problem detail, never a server error.
        assertThat(api.as(accounts.of(Role.AUDITOR), "POST", "/api/audit/checkpoint/verify", "{}").status()).isEqualTo(400);
        Api.Response garbage = api.as(accounts.of(Role.AUDITOR), "POST", "/api/audit/checkpoint/verify", "{\"seq\":");
        assertThat(garbage.status()).isEqualTo(400);
    }

    @Test
    void thePrivateKeyFileIsReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
        CheckpointSigner signer = new CheckpointSigner(dir.toString());
        signer.sign(1, "00".repeat(32), Instant.now());
        assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("audit-checkpoint-ed25519.key")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        // A second signer on the same directory uses the same key.
        AuditCheckpoint a = signer.sign(1, "00".repeat(32), Instant.EPOCH);
        AuditCheckpoint b = new CheckpointSigner(dir.toString()).sign(1, "00".repeat(32), Instant.EPOCH);
        assertThat(b.publicKey()).isEqualTo(a.publicKey());
        assertThat(new CheckpointSigner(dir.toString()).problemWith(a)).isNull();
    }

    private void assertRejected(AuditCheckpoint checkpoint, String why) {
        CheckpointVerification v = log.verify(checkpoint);
        assertThat(v.valid()).as("%s", v).isFalse();
        assertThat(v.problem()).contains(why);
        JsonNode overHttp = checkOverHttp(json.writeValueAsString(checkpoint));
        assertThat(overHttp.get("valid").asBoolean()).as(overHttp.toString()).isFalse();
        assertThat(overHttp.get("problem").asString()).contains(why);
    }

    private JsonNode exportOverHttp() {
        Api.Response r = api.as(accounts.of(Role.AUDITOR), "GET", "/api/audit/checkpoint", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode checkOverHttp(String checkpointJson) {
        Api.Response r = api.as(accounts.of(Role.PRIVACY_OFFICER), "POST", "/api/audit/checkpoint/verify", checkpointJson);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
