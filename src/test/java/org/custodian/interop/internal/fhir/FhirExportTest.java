package org.custodian.interop.internal.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Bulk export, async pattern: 202 + Content-Location, status 202 then a manifest, NDJSON files. */
@CustodianTest
class FhirExportTest {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;

    @Test
    void patientExportRunsAsynchronouslyAndServesNdjson() throws Exception {
        String p = UUID.randomUUID().toString();
        String family = "Export" + p.substring(0, 8).replaceAll("[0-9-]", "z");
        String admit = "2024-02-01T10:00:00Z";
        Api.Response posted = api.as(accounts.of(Role.INTERFACE_ENGINE), "POST", "/fhir/r4", FhirApiTest.bundle("transaction", p, family,
                FhirApiTest.encounter(UUID.randomUUID().toString(), "urn:uuid:" + p, admit, "2024-02-03T10:00:00Z")));
        assertThat(posted.status()).isEqualTo(200);

        String director = accounts.of(Role.HIM_DIRECTOR);
        Api.Response kick = api.as(director, "GET", "/fhir/r4/Patient/$export?_type=Patient,Encounter", null);
        assertThat(kick.status()).isEqualTo(202);
        String location = kick.headers().firstValue("Content-Location").orElseThrow();
        String status = location.substring(location.indexOf("/fhir/r4"));
        Api.Response s = api.as(director, "GET", status, null);
        long deadline = System.currentTimeMillis() + 120_000;
        while (s.status() == 202 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            s = api.as(director, "GET", status, null);
        }
        assertThat(s.status()).as(s.body()).isEqualTo(200);
        JsonNode manifest = s.json();
        assertThat(manifest.path("output").size()).isEqualTo(2);
        String patientsUrl = null;
        for (JsonNode o : manifest.path("output")) {
            if (o.path("type").asString().equals("Patient")) {
                patientsUrl = o.path("url").asString();
            }
        }
        Api.Response file = api.as(director, "GET", patientsUrl.substring(patientsUrl.indexOf("/fhir/r4")), null);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+ndjson");
        JsonMapper json = JsonMapper.builder().build();
        boolean found = false;
        for (String line : file.body().split("\n")) {
            JsonNode r = json.readTree(line);
            assertThat(r.path("resourceType").asString()).isEqualTo("Patient");
            found |= r.path("name").get(0).path("family").asString().equals(family);
        }
        assertThat(found).as("the imported patient is in the export").isTrue();

        assertThat(api.as(director, "GET", "/fhir/r4/Patient/$export?_since=2020-01-01", null).status()).isEqualTo(400);
        assertThat(api.as(director, "GET", "/fhir/r4/Patient/$export?_type=Observation", null).status()).isEqualTo(400);
        assertThat(api.as(accounts.of(Role.CODER), "GET", "/fhir/r4/Patient/$export", null).status()).isEqualTo(403);
    }
}
