package org.custodian.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * An unknown username on the staff API is a 404 problem detail (RFC 9457) that names it, whether
 * the controller finds nobody or the directory does.
 */
@CustodianTest
class StaffNotFoundIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;

    @Test
    void anUnknownUsernameIsANotFoundProblemNamingIt() {
        String admin = accounts.of(Role.ADMIN);
        String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        assertNotFoundProblem(api.as(admin, "GET", "/api/staff/" + nobody, null), "/api/staff/" + nobody, nobody);
        assertNotFoundProblem(api.as(admin, "PUT", "/api/staff/" + nobody + "/enabled", "{\"enabled\":false}"),
                "/api/staff/" + nobody + "/enabled", nobody);
    }

    private static void assertNotFoundProblem(Api.Response r, String path, String username) {
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        JsonNode problem = r.json();
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("type").asString()).isEqualTo("/problems/staff-not-found");
        assertThat(problem.path("title").asString()).isEqualTo("Staff member not found");
        assertThat(problem.path("detail").asString()).isEqualTo("no staff account named '" + username + "'");
        assertThat(problem.path("instance").asString()).isEqualTo(path);
    }
}
