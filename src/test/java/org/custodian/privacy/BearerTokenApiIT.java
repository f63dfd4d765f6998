package org.custodian.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditQuery;
import org.custodian.audit.AuditRecord;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * API clients with OAuth2 bearer tokens (issue 22; HIPAA 45 CFR 164.312(d), entity authentication): a JWT
 * from the configured issuer, for this API (audience), unexpired and signed by the issuer's key, is
 * accepted; each scope that names a permission grants it, and the same permission checks as for people
 * refuse the rest (164.502(b), minimum necessary). The client's reads are audited under its name.
 */
@CustodianTest
class BearerTokenApiIT {

    static final String ISSUER = "https://issuer.test.custodian.invalid";
    static final String AUDIENCE = "custodian-api";

    @Autowired Api api;
    @Autowired AuditLog audit;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aTokensScopesAreItsPermissionsAndNothingMore() throws Exception {
        String client = "analytics-" + UUID.randomUUID().toString().substring(0, 8);
        String reader = token(issuerKey(), ISSUER, AUDIENCE, client, "chart:read openid", Instant.now().plusSeconds(300));

        assertThat(get(reader, "/api/patients?q=smith").statusCode()).isEqualTo(200);
        // The same checks as for a person: chart:read reads, but does not write or read the audit log.
        assertThat(post(reader, "/api/patients", "{}").statusCode()).isEqualTo(403);
        assertThat(get(reader, "/api/audit/events").statusCode()).isEqualTo(403);

        String auditor = token(issuerKey(), ISSUER, AUDIENCE, client, "audit:read", Instant.now().plusSeconds(300));
        assertThat(get(auditor, "/api/audit/events").statusCode()).isEqualTo(200);
        assertThat(get(auditor, "/api/patients?q=smith").statusCode()).isEqualTo(403);

        // A scope that names no permission grants nothing.
        String nothing = token(issuerKey(), ISSUER, AUDIENCE, client, "patient/*.read admin", Instant.now().plusSeconds(300));
        assertThat(get(nothing, "/api/patients?q=smith").statusCode()).isEqualTo(403);

        List<AuditRecord> events = audit.find(new AuditQuery(null, client, null, null, 0, 50));
        assertThat(events).extracting(AuditRecord::action).contains("SEARCH", "ACCESS_DENIED");
    }

    @Test
    void bulkExportWithAFhirExportScopeOnly() throws Exception {
        String exporter = token(issuerKey(), ISSUER, AUDIENCE, "registry-client", "fhir:export", Instant.now().plusSeconds(300));
        String reader = token(issuerKey(), ISSUER, AUDIENCE, "registry-client", "chart:read", Instant.now().plusSeconds(300));
        String path = "/fhir/r4/Patient/$export?_type=Patient";
        assertThat(fhirExport(reader, path).statusCode()).isEqualTo(403);
        HttpResponse<String> started = fhirExport(exporter, path);
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(started.headers().firstValue("Content-Location")).hasValueSatisfying(l -> assertThat(l).contains("$export-status/"));
    }

    @Test
    void aTokenFromAnotherIssuerForAnotherAudienceExpiredOrSignedByAnotherKeyIsRefused() throws Exception {
        Instant later = Instant.now().plusSeconds(300);
        assertThat(get(token(issuerKey(), ISSUER, AUDIENCE, "c", "chart:read", later), "/api/patients?q=x").statusCode()).isEqualTo(200);

        assertThat(get(token(issuerKey(), "https://evil.example", AUDIENCE, "c", "chart:read", later), "/api/patients?q=x").statusCode())
                .as("other issuer").isEqualTo(401);
        assertThat(get(token(issuerKey(), ISSUER, "some-other-api", "c", "chart:read", later), "/api/patients?q=x").statusCode())
                .as("other audience").isEqualTo(401);
        assertThat(get(token(issuerKey(), ISSUER, AUDIENCE, "c", "chart:read", Instant.now().minusSeconds(600)), "/api/patients?q=x").statusCode())
                .as("expired").isEqualTo(401);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey stranger = generator.generateKeyPair().getPrivate();
        HttpResponse<String> forged = get(token(stranger, ISSUER, AUDIENCE, "c", "chart:read", later), "/api/patients?q=x");
        assertThat(forged.statusCode()).as("signed by another key").isEqualTo(401);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(get("not.a.jwt", "/api/patients?q=x").statusCode()).isEqualTo(401);
    }

    static String token(PrivateKey key, String issuer, String audience, String client, String scope, Instant expires)
            throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(audience).subject(client).claim("client_id", client).claim("scope", scope)
                .issueTime(Date.from(expires.minusSeconds(600))).notBeforeTime(Date.from(Instant.now().minusSeconds(60)))
                .expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** The tests' issuer's private key (src/test/resources/tokens: a throw-away pair for the test profile only). */
    static PrivateKey issuerKey() throws Exception {
        try (InputStream in = BearerTokenApiIT.class.getResourceAsStream("/tokens/test-issuer.key")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        }
    }

    private HttpResponse<String> get(String token, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String token, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> fhirExport(String token, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/fhir+json").header("Prefer", "respond-async").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
