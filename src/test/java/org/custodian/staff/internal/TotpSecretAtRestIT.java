package org.custodian.staff.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.custodian.privacy.Role;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.StaffDirectory;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * TOTP secrets at rest (issue 22; HIPAA 45 CFR 164.312(a)(2)(iv)): the column holds AES-GCM ciphertext, not
 * the key an authenticator app holds, and a code still checks; a secret from before encryption is encrypted
 * by the start-up pass and still checks.
 */
@CustodianTest
class TotpSecretAtRestIT {

    @Autowired StaffDirectory staff;
    @Autowired JdbcSecondFactors secondFactors;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    @Test
    void theSecretIsEncryptedAndStillChecksAndAPlaintextOneIsEncryptedAtStart() {
        String username = "totp-rest-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(username, "Totp At Rest", StaffAccounts.PASSWORD, Set.of(Role.CODER)));
        String secret = Totp.newSecret();
        long step = Totp.step(clock.instant());
        secondFactors.enrol(username, secret, step - 2);

        String stored = stored(username);
        assertThat(stored).startsWith("v1:").doesNotContain(secret);
        assertThat(secondFactors.check(username, Totp.code(secret, clock.instant()))).isEqualTo(JdbcSecondFactors.Check.TOTP);

        jdbc.sql("update staff_second_factor set secret = ?, last_step = ? where user_id = (select id from staff_user where username = ?)")
                .params(secret, step - 2, username).update();
        assertThat(secondFactors.reEncrypt()).isGreaterThanOrEqualTo(1);
        assertThat(stored(username)).startsWith("v1:").doesNotContain(secret);
        assertThat(secondFactors.check(username, Totp.code(secret, clock.instant()))).isEqualTo(JdbcSecondFactors.Check.TOTP);
    }

    private String stored(String username) {
        return jdbc.sql("select secret from staff_second_factor where user_id = (select id from staff_user where username = ?)")
                .param(username).query(String.class).single();
    }
}
