package org.custodian.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the running test server, with HTTP Basic as any staff account. */
public class Api {

    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Environment env;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    Api(Environment env) {
        this.env = env;
    }

    public String baseUrl() {
        return "http://localhost:" + env.getProperty("local.server.port");
    }

    public Response get(String user, String password, String path) {
        return send(user, password, HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response get(String path) {
        return send(null, null, HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response post(String user, String password, String path, String json) {
        return send(user, password, HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    /** A request as a test account (admin or a {@link StaffAccounts} user). */
    public Response as(String user, String method, String path, String json) {
        return request(user, user.equals("admin") ? StaffAccounts.ADMIN_PASSWORD : StaffAccounts.PASSWORD, method, path, json);
    }

    /** Any request; a null user sends no credentials. */
    public Response request(String user, String password, String method, String path, String json) {
        return send(user, password, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    private URI uri(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /");
        }
        return URI.create(baseUrl() + path);
    }

    private Response send(String user, String password, HttpRequest.Builder builder) {
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
