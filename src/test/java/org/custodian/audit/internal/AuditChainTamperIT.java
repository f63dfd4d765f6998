package org.custodian.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sql.DataSource;
import org.custodian.audit.AuditLog;
import org.custodian.audit.ChainVerification;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/**
 * Integrity of the audit log (HIPAA 45 CFR 164.312(c)(1)): whoever changes, removes or reorders
 * a stored event behind the application's back is caught, and the verifier names the first
 * broken sequence number — through the API ({@link AuditLog#verify()}) and over HTTP
 * ({@code GET /api/audit/verify}).
 */
@CustodianTest
class AuditChainTamperIT {

    @Autowired AuditLog log;
    @Autowired DataSource dataSource;
    @Autowired PlatformTransactionManager transactions;
    @Autowired Api api;
    @Autowired StaffAccounts accounts;

    AuditTamper tamper;
    List<Long> seqs;

    @BeforeEach
    void events() {
        tamper = new AuditTamper(dataSource, transactions);
        seqs = tamper.appendMarked(log, 5);
        assertThat(log.verify().valid()).as("the shared chain is intact before tampering").isTrue();
    }

    @AfterEach
    void chainIsIntactAgain() {
        ChainVerification v = log.verify();
        assertThat(v.valid()).as("tampering was undone: %s", v).isTrue();
    }

    /** One byte of each stored column, flipped with plain SQL. */
    @ParameterizedTest
    @ValueSource(strings = {
            "occurred_at = occurred_at + interval '1 microsecond'",
            "username = overlay(username placing chr(ascii(substr(username, 1, 1)) # 1) from 1 for 1)",
            "roles = overlay(roles placing chr(ascii(substr(roles, 3, 1)) # 1) from 3 for 1)",
            "patient_id = patient_id # 1",
            "resource_type = overlay(resource_type placing chr(ascii(substr(resource_type, 1, 1)) # 32) from 1 for 1)",
            "resource_id = overlay(resource_id placing chr(ascii(substr(resource_id, 6, 1)) # 1) from 6 for 1)",
            "action = overlay(action placing chr(ascii(substr(action, 1, 1)) # 1) from 1 for 1)",
            "purpose = overlay(purpose placing chr(ascii(substr(purpose, 2, 1)) # 1) from 2 for 1)",
            "client_address = overlay(client_address placing chr(ascii(substr(client_address, 9, 1)) # 1) from 9 for 1)",
            "outcome = overlay(outcome placing chr(ascii(substr(outcome, 1, 1)) # 1) from 1 for 1)",
            "detail = overlay(detail placing chr(ascii(substr(detail, 10, 1)) # 1) from 10 for 1)",
            "prev_hash = set_byte(prev_hash, 17, get_byte(prev_hash, 17) # 1)",
            "hash = set_byte(hash, 31, get_byte(hash, 31) # 128)"})
    void aFlippedByteInAnyColumnIsCaughtAtThatEvent(String flip) {
        long victim = seqs.get(2);
        String sql = "update audit_event set " + flip + " where seq = " + victim;
        ChainVerification v = tamper.rolledBack(jdbc -> assertThat(jdbc.update(sql)).isEqualTo(1), log::verify);
        assertBrokenAt(v, victim);
    }

    @Test
    void aFlippedByteInTheVeryFirstEventIsCaughtAtSequenceOne() {
        // Every run has at least the administrator's creation at sequence 1.
        ChainVerification v = tamper.rolledBack(
                jdbc -> jdbc.update("update audit_event set username = username || 'x' where seq = 1"), log::verify);
        assertBrokenAt(v, 1);
    }

    @Test
    void aDeletedEventIsCaughtAtItsSequenceNumber() {
        long victim = seqs.get(1);
        ChainVerification v = tamper.rolledBack(
                jdbc -> assertThat(jdbc.update("delete from audit_event where seq = ?", victim)).isEqualTo(1), log::verify);
        assertBrokenAt(v, victim);
        assertThat(v.problem()).contains("missing");
    }

    @Test
    void twoReorderedEventsAreCaughtAtTheLowerSequenceNumber() {
        long a = seqs.get(1);
        long b = seqs.get(3);
        ChainVerification v = tamper.rolledBack(jdbc -> swap(jdbc, a, b), log::verify);
        assertBrokenAt(v, a);
        // Neighbours, too: the lower one is still the first broken link.
        long c = seqs.get(4);
        ChainVerification adjacent = tamper.rolledBack(jdbc -> swap(jdbc, b, c), log::verify);
        assertBrokenAt(adjacent, b);
    }

    @Test
    void overHttpAFlippedByteIsNamedByItsSequenceNumber() {
        long victim = seqs.get(3);
        JsonNode body = tamper.committedThenRestored(List.of(victim),
                jdbc -> jdbc.update("update audit_event set detail = overlay(detail placing 'X' from 1 for 1) where seq = ?", victim),
                this::verifyOverHttp);
        assertHttpBrokenAt(body, victim);
    }

    @Test
    void overHttpADeletedEventIsNamedByItsSequenceNumber() {
        long victim = seqs.get(0);
        JsonNode body = tamper.committedThenRestored(List.of(victim),
                jdbc -> jdbc.update("delete from audit_event where seq = ?", victim), this::verifyOverHttp);
        assertHttpBrokenAt(body, victim);
    }

    @Test
    void overHttpTwoReorderedEventsAreNamedByTheLowerSequenceNumber() {
        long a = seqs.get(2);
        long b = seqs.get(4);
        JsonNode body = tamper.committedThenRestored(List.of(a, b), jdbc -> swap(jdbc, a, b), this::verifyOverHttp);
        assertHttpBrokenAt(body, a);
    }

    @Test
    void overHttpAnIntactChainIsValidWithNoBrokenSequence() {
        JsonNode body = verifyOverHttp();
        assertThat(body.get("valid").asBoolean()).isTrue();
        assertThat(body.get("events").asLong()).isGreaterThanOrEqualTo(seqs.get(4));
        assertThat(body.has("firstBrokenSeq")).isTrue();
        assertThat(body.get("firstBrokenSeq").isNull()).isTrue();
    }

    @Test
    void rolesWithoutAuditVerifyMayNotVerify() {
        assertThat(api.as(accounts.of(Role.CODER), "GET", "/api/audit/verify", null).status()).isEqualTo(403);
        assertThat(api.get("/api/audit/verify").status()).isEqualTo(401);
    }

    private JsonNode verifyOverHttp() {
        Api.Response r = api.as(accounts.of(Role.AUDITOR), "GET", "/api/audit/verify", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** Swaps two events' sequence numbers (through negatives, as the primary key is checked per row). */
    private static void swap(org.springframework.jdbc.core.JdbcTemplate jdbc, long a, long b) {
        assertThat(jdbc.update("update audit_event set seq = -seq where seq in (?, ?)", a, b)).isEqualTo(2);
        jdbc.update("update audit_event set seq = case when seq = ? then ? else ? end where seq in (?, ?)",
                -a, b, a, -a, -b);
    }

    private static void assertBrokenAt(ChainVerification v, long seq) {
        assertThat(v.valid()).as("%s", v).isFalse();
        assertThat(v.firstBrokenSeq()).as("%s", v).isEqualTo(seq);
        // Every event before the broken one was verified.
        assertThat(v.events()).as("%s", v).isEqualTo(seq - 1);
    }

    private static void assertHttpBrokenAt(JsonNode body, long seq) {
        assertThat(body.get("valid").asBoolean()).as(body.toString()).isFalse();
        assertThat(body.get("firstBrokenSeq").asLong()).as(body.toString()).isEqualTo(seq);
        assertThat(body.get("events").asLong()).as(body.toString()).isEqualTo(seq - 1);
    }
}
