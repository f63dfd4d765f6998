package org.custodian.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMART Backend Services for FHIR bulk data, end to end (issue 22, "API clients"): a client registers its public
 * key, signs its own assertion (RFC 7523: RS384 or ES384, iss = sub = client id, aud = the token endpoint, exp
 * within five minutes, a fresh jti) with a private key Custodian never sees, exchanges it at {@code POST /smart/token}
 * for a bearer token, and runs {@code $export} with that token. Refused, each with {@code invalid_client} and an
 * audit row: a replayed jti, an expired assertion, another audience, an unregistered key, a weak algorithm.
 * The token grants bulk export and nothing else (45 CFR 164.502(b), minimum necessary; 164.312(d)).
 */
@CustodianTest
class SmartBackendServicesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired org.custodian.patient.PatientRegistry patients;

    private RSAKey rsa;
    private String clientId;

    @BeforeEach
    void registerClient() throws JOSEException {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-" + UUID.randomUUID()).generate();
        clientId = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response r = register(clientId, rsa.toPublicJWK());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void aClientSigningItsOwnAssertionGetsATokenAndExports() throws Exception {
        JsonNode discovery = JSON.readTree(api.get("/fhir/r4/.well-known/smart-configuration").body());
        assertThat(discovery.path("token_endpoint").asString()).isEqualTo(tokenEndpoint());
        assertThat(discovery.path("token_endpoint_auth_signing_alg_values_supported").toString()).contains("RS384", "ES384");

        HttpResponse<String> issued = token(assertion(rsa, JWSAlgorithm.RS384, claims(clientId).build()), "system/*.read");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(issued.body());
        assertThat(body.path("token_type").asString()).isEqualTo("bearer");
        assertThat(body.path("expires_in").asInt()).isBetween(1, 300);
        assertThat(body.path("scope").asString()).isEqualTo("system/*.read");
        assertThat(issued.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        String token = body.path("access_token").asString();

        // The token runs the system-level $export and Patient/$export, polls and downloads.
        for (String kickOff : new String[] {"/fhir/r4/$export?_type=Patient", "/fhir/r4/Patient/$export?_type=Patient"}) {
            HttpResponse<String> started = bearer(token, kickOff);
            assertThat(started.statusCode()).as(kickOff + " " + started.body()).isEqualTo(202);
            String location = started.headers().firstValue("Content-Location").orElseThrow();
            String status = location.substring(location.indexOf("/fhir/r4"));
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> bearer(token, status).statusCode() != 202);
            HttpResponse<String> manifest = bearer(token, status);
            assertThat(manifest.statusCode()).as(manifest.body()).isEqualTo(200);
            assertThat(manifest.body()).contains("\"requiresAccessToken\":true");
            HttpResponse<String> file = bearer(token, status.replace("$export-status", "$export-file") + "/Patient.ndjson");
            assertThat(file.statusCode()).isEqualTo(200);
        }
        assertThat(jdbc.sql("select count(*) from audit_event where username = ? and action = 'EXPORT'")
                .param("smart:" + clientId).query(Long.class).single()).as("the export audited under the client").isPositive();

        // Bulk export and nothing else: no single chart read, no API.
        assertThat(bearer(token, "/fhir/r4/Patient?name=Smith").statusCode()).isEqualTo(403);
        assertThat(bearer(token, "/api/patients?q=Smith").statusCode()).isIn(401, 403);
        // Without a token, or with a forged one (right issuer, the attacker's key), nothing.
        assertThat(bearer(null, "/fhir/r4/$export?_type=Patient").statusCode()).isEqualTo(401);
        assertThat(bearer(forged(), "/fhir/r4/$export?_type=Patient").statusCode()).isEqualTo(401);
    }

    /**
     * The rule for a flagged chart in a bulk export (docs/features/fhir-break-the-glass.md): a system-level
     * $export is authorized by the organization for the whole population (45 CFR 164.308(a)(4)(ii)(B)), not a
     * person opening a chart, so break-the-glass (45 CFR 164.312(a)(2)(ii)) does not apply and the flagged
     * patient is exported; the export names that patient in an audit event of its own (45 CFR 164.312(b)).
     */
    @Test
    void aSystemLevelExportKeepsFlaggedPatientsAndAuditsEachByName() throws Exception {
        org.custodian.patient.Patient[] vip = new org.custodian.patient.Patient[1];
        accounts.runAs(Role.HIM_DIRECTOR, () -> vip[0] = patients.register(new org.custodian.patient.NewPatient(null, null, "Vera",
                null, "Exported" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "q"),
                java.time.LocalDate.of(1970, 1, 2), org.custodian.patient.AdministrativeSex.F, null, null, null, null)));
        long id = vip[0].id();
        Api.Response flagged = api.as(accounts.of(Role.PRIVACY_OFFICER), "POST", "/api/patients/" + id + "/confidentiality-flags",
                "{\"kind\":\"VIP\",\"reason\":\"Local news anchor admitted\"}");
        assertThat(flagged.status()).as(flagged.body()).isEqualTo(201);
        String token = JSON.readTree(token(assertion(rsa, JWSAlgorithm.RS384, claims(clientId).build()), "system/*.read").body())
                .path("access_token").asString();

        HttpResponse<String> started = bearer(token, "/fhir/r4/$export?_type=Patient");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Content-Location").orElseThrow();
        String status = location.substring(location.indexOf("/fhir/r4"));
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> bearer(token, status).statusCode() != 202);
        HttpResponse<String> file = bearer(token, status.replace("$export-status", "$export-file") + "/Patient.ndjson");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).as("the flagged patient is in the population export").contains("\"id\":\"" + id + "\"");
        assertThat(jdbc.sql("select detail from audit_event where username = ? and patient_id = ? and action = 'EXPORT'")
                .params("smart:" + clientId, id).query(String.class).list())
                .containsExactly("bulk export of a confidential chart (VIP): authorized for the whole population, no break-the-glass");
    }

    @Test
    void anEs384ClientIsTakenToo() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_384).keyID("ec-" + UUID.randomUUID()).generate();
        String id = "bulk-ec-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(register(id, ec.toPublicJWK()).status()).isEqualTo(201);
        HttpResponse<String> issued = token(assertion(ec, JWSAlgorithm.ES384, claims(id).build()), "system/*.read");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
    }

    @Test
    void replayedExpiredMisaddressedAndUnregisteredAssertionsAreRefused() throws Exception {
        String once = assertion(rsa, JWSAlgorithm.RS384, claims(clientId).build());
        assertThat(token(once, "system/*.read").statusCode()).isEqualTo(200);
        assertRefused(token(once, "system/*.read"), "invalid_client", "jti already used");

        Instant now = Instant.now();
        assertRefused(token(assertion(rsa, JWSAlgorithm.RS384, claims(clientId)
                .expirationTime(Date.from(now.minusSeconds(120))).build()), "system/*.read"), "invalid_client", "expired");
        assertRefused(token(assertion(rsa, JWSAlgorithm.RS384, claims(clientId)
                .expirationTime(Date.from(now.plusSeconds(3600))).build()), "system/*.read"), "invalid_client", "five minutes");
        assertRefused(token(assertion(rsa, JWSAlgorithm.RS384, claims(clientId)
                .audience("https://elsewhere.example/token").build()), "system/*.read"), "invalid_client", "aud");
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(rsa.getKeyID()).generate();
        assertRefused(token(assertion(stranger, JWSAlgorithm.RS384, claims(clientId).build()), "system/*.read"),
                "invalid_client", "signature");
        assertRefused(token(assertion(rsa, JWSAlgorithm.RS256, claims(clientId).build()), "system/*.read"), "invalid_client", "RS384");
        assertRefused(token(assertion(rsa, JWSAlgorithm.RS384, claims("nobody-" + UUID.randomUUID()).build()), "system/*.read"),
                "invalid_client", "no registered client");
        assertRefused(token(assertion(rsa, JWSAlgorithm.RS384, claims(clientId).subject("someone-else").build()), "system/*.read"),
                "invalid_client", "sub");
        assertRefused(token(assertion(rsa, JWSAlgorithm.RS384, claims(clientId).build()), "user/*.read"), "invalid_scope", "user/*.read");
        assertRefused(post(Map.of("grant_type", "password", "username", "admin", "password", "x")), "unsupported_grant_type", "client_credentials");

        assertThat(jdbc.sql("select count(*) from audit_event where username = ? and action = 'LOGIN_FAILED' and outcome = 'DENIED'")
                .param("smart:" + clientId).query(Long.class).single()).as("each refusal audited").isGreaterThanOrEqualTo(8);
    }

    @Test
    void registrationTakesPublicKeysOnlyAndNeedsBulkExportRights() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        Api.Response withPrivate = api.as(accounts.of(Role.HIM_DIRECTOR), "POST", "/api/smart/clients",
                body("bulk-private-" + UUID.randomUUID().toString().substring(0, 6), key));
        assertThat(withPrivate.status()).isEqualTo(400);
        assertThat(withPrivate.body()).contains("private key");
        assertThat(api.as(accounts.of(Role.CODER), "POST", "/api/smart/clients",
                body("bulk-coder-" + UUID.randomUUID().toString().substring(0, 6), key.toPublicJWK())).status()).isEqualTo(403);
        assertThat(api.as(accounts.of(Role.HIM_DIRECTOR), "GET", "/api/smart/clients", null).body()).contains(clientId);
    }

    private Api.Response register(String id, JWK publicKey) {
        return api.as(accounts.of(Role.HIM_DIRECTOR), "POST", "/api/smart/clients", body(id, publicKey));
    }

    private static String body(String id, JWK key) {
        return "{\"clientId\":\"" + id + "\",\"name\":\"Registry " + id + "\",\"jwks\":"
                + JSON.writeValueAsString(new JWKSet(key).toString(false)) + ",\"scopes\":[\"system/*.read\"]}";
    }

    private String tokenEndpoint() {
        return api.baseUrl() + "/smart/token";
    }

    private JWTClaimsSet.Builder claims(String id) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(id).subject(id).audience(tokenEndpoint())
                .expirationTime(Date.from(now.plusSeconds(240))).jwtID(UUID.randomUUID().toString());
    }

    private static String assertion(JWK key, JWSAlgorithm alg, JWTClaimsSet claims) throws JOSEException {
        JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID())
                .type(com.nimbusds.jose.JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** A token naming Custodian's SMART issuer, signed with a key of the attacker's choosing. */
    private static String forged() throws JOSEException {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer("urn:custodian:smart-backend-services").audience("custodian-fhir-bulk-data").subject("x")
                .claim("client_id", "x").claim("scope", "system/*.read").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).build());
        jwt.sign(new MACSigner("an attacker's secret of thirty-two bytes or more!".getBytes(StandardCharsets.US_ASCII)));
        return jwt.serialize();
    }

    private HttpResponse<String> token(String assertion, String scope) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", assertion);
        form.put("scope", scope);
        return post(form);
    }

    private HttpResponse<String> post(Map<String, String> form) throws Exception {
        String encoded = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> bearer(String token, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> r, String error, String why) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("error").asString()).as(r.body()).isEqualTo(error);
        assertThat(body.path("error_description").asString()).as(r.body()).contains(why);
        assertThat(body.has("access_token")).isFalse();
    }
}
