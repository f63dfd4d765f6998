package org.custodian.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditQuery;
import org.custodian.audit.AuditRecord;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * HIPAA 164.308(a)(5)(ii)(C): log-in monitoring. After 5 failed attempts from one address, that
 * address's attempts as the username are refused for a minute, doubling up to 15 minutes.
 */
@CustodianTest
class SignInAndLockoutIT {

    @Autowired Api api;
    @Autowired StaffDirectory staff;
    @Autowired AuditLog audit;

    @Test
    void fiveBadPasswordsFromOneAddressRefuseThatAddressEvenTheRightPasswordForAWhile(
            @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        String username = "lock-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(username, "Lock Test", "the-right-password", Set.of(Role.CODER)));
        assertThat(api.get(username, "the-right-password", "/api/patients?q=x").status()).isEqualTo(200);

        for (int i = 0; i < 4; i++) {
            assertThat(api.get(username, "wrong-password", "/api/patients?q=x").status()).isEqualTo(401);
        }
        assertThat(staff.find(username).orElseThrow().lockedUntil()).as("not refused after 4").isNull();
        assertThat(api.get(username, "wrong-password", "/api/patients?q=x").status()).isEqualTo(401);
        StaffMember locked = staff.find(username).orElseThrow();
        assertThat(locked.lockedUntil()).as("refused from this address after 5").isNotNull();
        // The first refusal is short (1 minute); it doubles with each further failure, up to 15 minutes.
        assertThat(java.time.Duration.between(java.time.Instant.now(), locked.lockedUntil()).toSeconds()).isBetween(50L, 60L);

        Api.Response refused = api.get(username, "the-right-password", "/api/patients?q=x");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow()).isBetween(1L, 60L);

        staff.unlock(username);
        assertThat(api.get(username, "the-right-password", "/api/patients?q=x").status()).isEqualTo(200);
        assertThat(staff.find(username).orElseThrow().failedLogins()).isZero();
    }

    @Test
    void aRefusalRunsOutAndTheRightPasswordThenWorks(@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        String username = "expire-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(username, "Expiry Test", "the-right-password", Set.of(Role.CODER)));
        for (int i = 0; i < 5; i++) {
            api.get(username, "wrong-password", "/api/patients?q=x");
        }
        assertThat(api.get(username, "the-right-password", "/api/patients?q=x").status()).isEqualTo(429);
        // The minute passes.
        jdbc.sql("update staff_sign_in_throttle set blocked_until = now() - interval '1 second' where key like ?")
                .param(username + "%").update();
        assertThat(api.get(username, "the-right-password", "/api/patients?q=x").status()).isEqualTo(200);
    }

    @Test
    void everySignInAndFailedSignInIsAudited() {
        String username = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(username, "Audit Test", "the-right-password", Set.of(Role.CODER)));
        api.get(username, "the-right-password", "/api/patients?q=x");
        api.get(username, "wrong-password", "/api/patients?q=x");
        var events = audit.find(new AuditQuery(null, username, null, null, 0, 50));
        assertThat(events).extracting(AuditRecord::action).contains("LOGIN", "LOGIN_FAILED", "SEARCH");
        assertThat(events).filteredOn(e -> e.action().equals("LOGIN_FAILED")).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo("FAILURE");
            assertThat(e.clientAddress()).isNotBlank();
        });
    }

    @Test
    void disabledAccountsCannotSignIn() {
        String username = "off-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(username, "Disabled", "the-right-password", Set.of(Role.CODER)));
        staff.setEnabled(username, false);
        assertThat(api.get(username, "the-right-password", "/api/patients?q=x").status()).isEqualTo(401);
    }

    @Test
    void passwordsAreStoredAsBcryptHashes(@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        String username = "hash-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(username, "Hash", "the-right-password", Set.of(Role.CODER)));
        String hash = jdbc.sql("select password_hash from staff_user where username = ?").param(username).query(String.class).single();
        assertThat(hash).startsWith("$2").doesNotContain("the-right-password");
    }
}
