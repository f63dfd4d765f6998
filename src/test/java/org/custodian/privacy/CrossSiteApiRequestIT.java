package org.custodian.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;
import org.custodian.chart.ChartService;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.NewDocument;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 22, finding 4: CSRF through HTTP Basic. A browser that once sent a clinician's credentials
 * resends them with a form on another site, which signed a document. Unsafe API requests that a
 * browser marks as cross-site are refused (403, audited), and browsers get no Basic challenge to
 * cache credentials from. HIPAA 45 CFR 164.312(a)(1) access control, 164.312(c)(1) integrity.
 */
@CustodianTest
class CrossSiteApiRequestIT {

    private static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired JdbcClient jdbc;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private long unsignedDocument() {
        long[] id = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> {
            long patient = patients.register(new NewPatient(null, null, "Cross", null, "Site-" + UUID.randomUUID().toString().substring(0, 8),
                    LocalDate.of(1970, 1, 1), AdministrativeSex.F, null, null, null, null)).id();
            id[0] = charts.file(new NewDocument(patient, null, DocumentType.PROGRESS_NOTE, null, StaffAccounts.CLINICIAN_NAME,
                    "Seen today.", DocumentStatus.UNSIGNED, Instant.now(), null, null)).id();
        });
        return id[0];
    }

    /** The browser's form post: the clinician's cached credentials, no body, and the headers a browser adds. */
    private HttpResponse<String> formPost(String path, String origin, String fetchSite) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (accounts.of(Role.CLINICIAN) + ":" + StaffAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("User-Agent", CHROME)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (fetchSite != null) {
            b.header("Sec-Fetch-Site", fetchSite).header("Sec-Fetch-Mode", "navigate");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String status(long documentId) {
        return jdbc.sql("select status from clinical_document where id = ?").param(documentId).query(String.class).single();
    }

    @Test
    void aFormOnAnotherSiteCannotSignADocumentWithCachedCredentials() throws Exception {
        long document = unsignedDocument();
        HttpResponse<String> forged = formPost("/api/documents/" + document + "/signature", "https://evil.example", "cross-site");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(forged.body()).contains("Cross-site request refused");
        assertThat(status(document)).isEqualTo("UNSIGNED");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'ACCESS_DENIED' and resource_id = ?"
                + " and detail like 'cross-site request refused%'").param("POST /api/documents/" + document + "/signature")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anOriginHeaderAloneIsEnoughToRefuse() throws Exception {
        long document = unsignedDocument();
        assertThat(formPost("/api/documents/" + document + "/signature", "https://evil.example", null).statusCode()).isEqualTo(403);
        assertThat(formPost("/api/staff/" + accounts.of(Role.CODER) + "/unlock", "null", null).statusCode()).isEqualTo(403);
        assertThat(status(document)).isEqualTo("UNSIGNED");
    }

    @Test
    void theSameOriginAndClientsThatAreNotBrowsersStillWork() throws Exception {
        long document = unsignedDocument();
        assertThat(formPost("/api/documents/" + document + "/signature", api.baseUrl(), "same-origin").statusCode()).isEqualTo(200);
        long other = unsignedDocument();
        assertThat(api.as(accounts.of(Role.CLINICIAN), "POST", "/api/documents/" + other + "/signature", null).status()).isEqualTo(200);
    }

    @Test
    void browsersGetNoBasicChallengeToCacheCredentialsFrom() throws Exception {
        HttpResponse<String> browser = http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/patients?q=x"))
                .header("User-Agent", CHROME).header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Site", "none").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(browser.statusCode()).isEqualTo(401);
        assertThat(browser.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(api.get("/api/patients?q=x").headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Basic"));
    }
}
