package org.custodian.staff.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.custodian.privacy.Role;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.StaffDirectory;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * HTTP Basic carries no second factor (HIPAA 45 CFR 164.312(d); issue 22): an account that owes one
 * (enrolled, or reset by an administrator to enrol again) is refused on the API, FHIR and the API's
 * description with the right password, and the refusal is audited; before, it read the chart.
 */
@CustodianTest
class BasicAuthSecondFactorIT {

    @Autowired StaffDirectory staff;
    @Autowired JdbcSecondFactors secondFactors;
    @Autowired Api api;
    @Autowired Clock clock;
    @Autowired JdbcClient jdbc;

    @Test
    void anAccountThatOwesASecondFactorCannotReadTheChartWithBasicAlone() {
        String username = "basic2f-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(username, "Basic Second Factor", StaffAccounts.PASSWORD, Set.of(Role.CLINICIAN)));
        assertThat(api.get(username, StaffAccounts.PASSWORD, "/api/patients?q=Zz").status())
                .as("no second factor yet: Basic reads as before").isEqualTo(200);

        String secret = Totp.newSecret();
        secondFactors.enrol(username, secret, clock.instant().getEpochSecond() / Totp.STEP_SECONDS);
        long refusalsBefore = refusals(username);
        for (String path : new String[] {"/api/patients?q=Zz", "/fhir/Patient?name=Zz", "/v3/api-docs"}) {
            Api.Response refused = api.get(username, StaffAccounts.PASSWORD, path);
            assertThat(refused.status()).as(path).isEqualTo(401);
            assertThat(refused.body()).as(path).contains("second factor").doesNotContain("Zz");
        }
        assertThat(api.post(username, StaffAccounts.PASSWORD, "/api/patients", "{}").status()).isEqualTo(401);
        assertThat(refusals(username)).as("each refusal audited as the account").isEqualTo(refusalsBefore + 4);

        secondFactors.reset(username);
        assertThat(api.get(username, StaffAccounts.PASSWORD, "/api/patients?q=Zz").status())
                .as("reset: owes an enrolment, still refused").isEqualTo(401);
        assertThat(api.get(username, "wrong-password-1", "/api/patients?q=Zz").body())
                .as("a wrong password gets the one sign-in-failed answer").doesNotContain("second factor");
    }

    private long refusals(String username) {
        return jdbc.sql("select count(*) from audit_event where username = ? and outcome = 'DENIED' and detail like '%second factor%'")
                .param(username).query(Long.class).single();
    }
}
