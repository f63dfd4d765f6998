package org.custodian.interop.internal.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The upload page: a pasted bundle imports and says what it did; a broken one says why; a coder may not. */
@CustodianTest
class FhirUploadPageIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;

    private WebSession as(Role role) {
        WebSession web = new WebSession(api.baseUrl());
        web.login(accounts.of(role), StaffAccounts.PASSWORD);
        return web;
    }

    @Test
    void aSmallBundleIsImportedFromThePageAndABrokenOneIsRejectedWithItsReason() {
        WebSession director = as(Role.HIM_DIRECTOR);
        assertThat(director.get("/").body()).contains("href=\"/interop/fhir\"");
        assertThat(director.get("/interop/fhir").status()).isEqualTo(200);
        String p = UUID.randomUUID().toString();
        WebSession.Page done = director.post("/interop/fhir", "content", FhirApiIT.bundle("collection", p, "Upload", null));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("data-testid=\"fhir-result\"").contains("created Patient 1");
        WebSession.Page again = director.post("/interop/fhir", "content", FhirApiIT.bundle("collection", p, "Upload", null));
        assertThat(again.body()).contains("already there Patient 1");
        WebSession.Page broken = director.post("/interop/fhir", "content", "{\"resourceType\":\"Bundle\",");
        assertThat(broken.body()).contains("data-testid=\"fhir-problem\"").contains("invalid JSON");
        assertThat(as(Role.CODER).get("/interop/fhir").status()).isEqualTo(403);
    }
}
