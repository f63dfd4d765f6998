package org.custodian.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without JavaScript for UI tests: a cookie jar (the session), HTML accepted, redirects
 * not followed (tests look at them), and the CSRF token of the last page sent with each form.
 */
public class WebSession {

    /** One answer: status, body, headers. */
    public record Page(int status, String body, HttpHeaders headers) {
        public String location() {
            return headers.firstValue("Location").orElse(null);
        }

        /** The path of the redirect target, without scheme, host and port. */
        public String redirectPath() {
            String location = location();
            return location == null ? null : URI.create(location).getRawPath()
                    + (URI.create(location).getRawQuery() == null ? "" : "?" + URI.create(location).getRawQuery());
        }
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient http;
    private String csrf;

    public WebSession(String baseUrl) {
        this.baseUrl = baseUrl;
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Signs in through the form; returns the answer to the form post (a redirect). */
    public Page login(String username, String password) {
        get("/login");
        return post("/login", "username", username, "password", password);
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/html,application/xhtml+xml").GET());
    }

    /** A GET as htmx sends it. */
    public Page htmx(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/html")
                .header("HX-Request", "true").GET());
    }

    /** Posts a form with the CSRF token of the last page; {@code fields} are name, value pairs. */
    public Page post(String path, String... fields) {
        List<String> all = new ArrayList<>(List.of(fields));
        if (csrf != null) {
            all.add("_csrf");
            all.add(csrf);
        }
        return postRaw(path, all.toArray(String[]::new));
    }

    /** Posts a form without any CSRF token. */
    public Page postWithoutCsrf(String path, String... fields) {
        return postRaw(path, fields);
    }

    /**
     * Posts a multipart form (a file upload) with the CSRF token of the last page; {@code fields} are
     * name, value pairs, and the file goes as part {@code fileField}.
     */
    public Page postMultipart(String path, String fileField, String fileName, String contentType, byte[] content,
                              String... fields) {
        String boundary = "----custodian" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(fields));
        if (csrf != null) {
            all.add("_csrf");
            all.add(csrf);
        }
        for (int i = 0; i + 1 < all.size(); i += 2) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + all.get(i) + "\"\r\n\r\n"
                    + all.get(i + 1) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "text/html,application/xhtml+xml")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    public String csrfToken() {
        return csrf;
    }

    private Page postRaw(String path, String... fields) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "text/html,application/xhtml+xml")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return new Page(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Form fields as a map, for readability at call sites that build them. */
    public static String[] fields(Map<String, String> map) {
        List<String> list = new ArrayList<>();
        map.forEach((k, v) -> {
            list.add(k);
            list.add(v);
        });
        return list.toArray(String[]::new);
    }
}
