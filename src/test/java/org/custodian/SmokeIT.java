package org.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

@CustodianTest
class SmokeIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;

    @Test
    void healthIsOpenAndOtherActuatorEndpointsAreForAdministrators() {
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health").body()).contains("UP");
        assertThat(api.get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(api.as(accounts.of(Role.HIM_DIRECTOR), "GET", "/actuator/metrics", null).status()).isEqualTo(403);
        assertThat(api.as("admin", "GET", "/actuator/metrics", null).status()).isEqualTo(200);
    }

    @Test
    void openApiDescribesThePatientApi() {
        // Readable by any signed-in user, not anonymously (issue 22, finding 8).
        assertThat(api.get("/v3/api-docs").status()).isEqualTo(401);
        Api.Response docs = api.as(accounts.of(Role.CODER), "GET", "/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/patients")).isTrue();
        assertThat(docs.json().path("paths").has("/api/audit/verify")).isTrue();
        assertThat(docs.json().path("info").path("title").asString()).isEqualTo("Custodian API");
        assertThat(docs.json().path("components").path("securitySchemes").path("staff").path("scheme").asString()).isEqualTo("basic");
        assertThat(api.get("/swagger-ui/index.html").status()).as("anonymous: to the sign-in page").isEqualTo(302);
    }

    @Test
    void uiSessionsTimeOutAfterFifteenIdleMinutesByDefault(@Autowired Environment env) {
        // HIPAA 164.312(a)(2)(iii): automatic logoff.
        assertThat(env.getProperty("server.servlet.session.timeout")).isEqualTo("15m");
    }
}
