package org.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CustodianTest
class SmokeTest {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;

    @Test
    void healthIsOpenAndPatientsNeedCredentials() {
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
        assertThat(api.get("/api/patients").status()).isEqualTo(401);
        assertThat(api.as(accounts.of(Role.CODER), "GET", "/api/patients?q=a", null).status()).isEqualTo(200);
        assertThat(api.as(accounts.of(Role.AUDITOR), "GET", "/api/patients?q=a", null).status()).isEqualTo(403);
    }
}
