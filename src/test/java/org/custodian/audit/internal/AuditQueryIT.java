package org.custodian.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditQuery;
import org.custodian.audit.AuditRecord;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The privacy officer's view of the log: by patient, by user, by time range, newest first, paged. */
@CustodianTest
class AuditQueryIT {

    @Autowired AuditLog log;
    @Autowired Api api;
    @Autowired StaffAccounts accounts;

    @Test
    void filtersByPatientUserAndTimeRange() {
        long patient = 7_000_000L + (System.nanoTime() % 1_000_000);
        String user = "q-" + UUID.randomUUID().toString().substring(0, 8);
        String other = user + "-other";
        Instant t0 = Instant.parse("2025-03-01T10:00:00Z");
        log.appendAll(List.of(
                entry(t0, user, patient, "one"),
                entry(t0.plusSeconds(60), user, patient, "two"),
                entry(t0.plusSeconds(120), other, patient, "three"),
                entry(t0.plusSeconds(180), user, null, "four")));

        assertThat(details(new AuditQuery(patient, null, null, null, 0, 50))).containsExactly("three", "two", "one");
        assertThat(details(new AuditQuery(null, user, null, null, 0, 50))).containsExactly("four", "two", "one");
        assertThat(details(new AuditQuery(patient, user, null, null, 0, 50))).containsExactly("two", "one");
        // from inclusive, to exclusive
        assertThat(details(new AuditQuery(patient, null, t0.plusSeconds(60), t0.plusSeconds(120), 0, 50)))
                .containsExactly("two");
        assertThat(log.count(new AuditQuery(patient, null, null, null, 0, 50))).isEqualTo(3);
        // paging
        assertThat(details(new AuditQuery(patient, null, null, null, 1, 2))).containsExactly("one");

        Api.Response r = api.as(accounts.of(Role.PRIVACY_OFFICER), "GET",
                "/api/audit/events?patientId=" + patient + "&user=" + user + "&from=2025-03-01T10:00:00Z", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("total").asLong()).isEqualTo(2);
        assertThat(body.get("items").get(0).get("detail").asString()).isEqualTo("two");
        assertThat(body.get("items").get(0).get("hash").asString()).hasSize(64);

        // Reading the log is itself audited, with the filters used.
        List<AuditRecord> reads = log.find(new AuditQuery(patient, accounts.of(Role.PRIVACY_OFFICER), null, null, 0, 5));
        assertThat(reads).isNotEmpty();
        assertThat(reads.get(0).resourceType()).isEqualTo("AuditLog");
        assertThat(reads.get(0).action()).isEqualTo("READ");
    }

    private List<String> details(AuditQuery q) {
        return log.find(q).stream().map(AuditRecord::detail).toList();
    }

    private static AuditEntry entry(Instant at, String user, Long patient, String detail) {
        return new AuditEntry(at, user, "PRIVACY_OFFICER", patient, "Patient", String.valueOf(patient),
                AuditAction.READ, "TREAT", "192.0.2.9", AuditOutcome.SUCCESS, detail);
    }
}
