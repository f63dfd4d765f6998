package org.custodian.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.RawHttp;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 22, finding 5: validation before authorization, no size cap. A student's 10.2 MB
 * {@code POST /api/patients} was read and parsed for 22 s, refused with 400 and left no
 * ACCESS_DENIED. Now: authenticate, authorize (403, audited; HIPAA 45 CFR 164.312(a)(1),
 * 164.312(b)), then read; and each endpoint has a body limit, answered 413.
 */
@CustodianTest
class AuthorizationBeforeBodyIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    private long deniedEvents(String user) {
        return jdbc.sql("select count(*) from audit_event where username = ? and action = 'ACCESS_DENIED' and resource_id = 'POST /api/patients'")
                .param(user).query(Long.class).single();
    }

    @Test
    void aStudentsHugeRegistrationIsRefusedBeforeItsBodyIsRead() {
        String student = accounts.of(org.custodian.privacy.Role.STUDENT);
        long before = deniedEvents(student);
        // 10.2 MB declared, 64 KB sent: the answer must come without waiting for the rest.
        String head = "POST /api/patients HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + RawHttp.basic(student, StaffAccounts.PASSWORD) + "\r\nContent-Length: 10200000\r\nConnection: close\r\n\r\n";
        byte[] part = new byte[64 * 1024];
        Arrays.fill(part, (byte) ' ');
        part[0] = '[';
        long start = System.nanoTime();
        RawHttp.Response r = new RawHttp(api).exchange("127.0.0.1", head.getBytes(StandardCharsets.US_ASCII), part, 10_000);
        assertThat(r.status()).isEqualTo(403);
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(5_000);
        assertThat(deniedEvents(student)).isEqualTo(before + 1);
    }

    @Test
    void aStudentsInvalidRegistrationIsA403NotA400() {
        String student = accounts.of(org.custodian.privacy.Role.STUDENT);
        long before = deniedEvents(student);
        Api.Response r = api.as(student, "POST", "/api/patients", "{\"givenName\":\"\",\"birthDate\":\"not a date\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(deniedEvents(student)).isEqualTo(before + 1);
    }

    private static String bigPatient(int bytes) {
        return "{\"givenName\":\"Big\",\"familyName\":\"Body\",\"birthDate\":\"1980-01-01\",\"sex\":\"F\",\"pad\":\""
                + "x".repeat(bytes) + "\"}";
    }

    @Test
    void aJsonBodyOverTheLimitIsA413Problem() {
        Api.Response r = api.as(accounts.of(org.custodian.privacy.Role.CLINICIAN), "POST", "/api/patients", bigPatient(1_500_000));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(r.json().path("detail").asString()).contains("request body", "1 MB");
    }

    @Test
    void aBodyWithoutADeclaredLengthIsCutOffAtTheLimit() throws Exception {
        byte[] body = bigPatient(1_500_000).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/patients"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (accounts.of(org.custodian.privacy.Role.CLINICIAN) + ":" + StaffAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("request body");
    }

    @Test
    void aFhirImportLargerThanTheJsonLimitIsStillTaken() {
        String id = UUID.randomUUID().toString();
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:%s",
                 "resource":{"resourceType":"Patient","id":"%s","name":[{"family":"Largeimport","given":["Fhir"]}],
                 "gender":"female","birthDate":"1971-02-03"},"request":{"method":"POST","url":"Patient"}}]}%s"""
                .formatted(id, id, " ".repeat(1_500_000));
        Api.Response r = api.as(accounts.of(org.custodian.privacy.Role.INTERFACE_ENGINE), "POST", "/fhir/r4", bundle);
        assertThat(r.status()).as(r.body().length() > 300 ? r.body().substring(0, 300) : r.body()).isEqualTo(200);
    }
}
