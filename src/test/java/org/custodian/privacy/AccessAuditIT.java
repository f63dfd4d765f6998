package org.custodian.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditQuery;
import org.custodian.audit.AuditRecord;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The check: a search with credentials returns patients, without credentials 401, as a role
 * without chart:read 403 — and each attempt is in the audit log (HIPAA 164.312(b)).
 */
@CustodianTest
class AccessAuditIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired AuditLog audit;

    @Test
    void allowedRefusedAndAnonymousAttemptsAreEachAudited() {
        Instant before = Instant.now().minusSeconds(1);
        String auditor = accounts.of(Role.AUDITOR);

        String director = accounts.of(Role.HIM_DIRECTOR); // the administrator reads no chart (issue 22)
        Api.Response ok = api.as(director, "GET", "/api/patients?q=smi", null);
        Api.Response anonymous = api.get("/api/patients?q=smi");
        Api.Response forbidden = api.as(auditor, "GET", "/api/patients?q=smi", null);

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().has("items")).isTrue();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("Content-Type").orElse("")).contains("problem+json");

        var adminEvents = audit.find(new AuditQuery(null, director, before, null, 0, 100));
        assertThat(adminEvents).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("SEARCH");
            assertThat(e.outcome()).isEqualTo("SUCCESS");
            assertThat(e.resourceType()).isEqualTo("Patient");
            assertThat(e.roles()).contains("HIM_DIRECTOR");
            assertThat(e.purpose()).isNotBlank();
        });
        var anonymousEvents = audit.find(new AuditQuery(null, "anonymous", before, null, 0, 100));
        assertThat(anonymousEvents).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("ACCESS_DENIED");
            assertThat(e.resourceId()).isEqualTo("GET /api/patients");
        });
        var auditorEvents = audit.find(new AuditQuery(null, auditor, before, null, 0, 100));
        assertThat(auditorEvents).extracting(AuditRecord::action).contains("ACCESS_DENIED");
        assertThat(auditorEvents).filteredOn(e -> e.action().equals("ACCESS_DENIED")).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo("DENIED");
            assertThat(e.roles()).isEqualTo("AUDITOR");
        });
    }

    @Test
    void purposeOfUseComesFromTheRequest() {
        Instant before = Instant.now().minusSeconds(1);
        String coder = accounts.of(Role.CODER);
        var r = api.request(coder, StaffAccounts.PASSWORD, "GET", "/api/patients?q=purpose", null);
        assertThat(r.status()).isEqualTo(200);
        // The Api helper sends no purpose: the default, healthcare operations, is recorded.
        assertThat(audit.find(new AuditQuery(null, coder, before, null, 0, 10)))
                .filteredOn(e -> e.action().equals("SEARCH")).first()
                .satisfies(e -> assertThat(e.purpose()).isEqualTo("HOPERAT"));
    }
}
