package org.custodian.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Property-based fuzzing of every JSON body, query parameter and path variable of the API and FHIR
 * endpoints (issue 22, "Fuzzing"; finding 8 found 500s for a NUL in JSON, a far-away year, a lone
 * surrogate): jqwik generates the inputs — JSON built from the endpoint's own body record's field names with
 * hostile values (NUL and control characters, lone surrogates, 5,000-character runs, years ±999,999,999,
 * 1e400, nesting, wrong types), broken JSON, and the handler's own {@code @RequestParam} names with the same
 * values — and each request goes to the endpoint as a role that holds its permission, so that the input
 * reaches parsing and validation. No answer may be a 5xx.
 *
 * <p>{@code custodian.fuzz.cases} inputs in all (10,000 in the normal run, 100,000 in {@code -Pnightly}),
 * spread evenly over the endpoints. Ids are never ones that exist (0, negative, or beyond 10^12) and no date is
 * a valid past date, so no generated request changes a real record; endpoints whose every call acts on the
 * whole hospital (a scan, a re-analysis, the retention schedule, the completion policy, a bulk export) are left
 * out and named in {@link #WHOLE_HOSPITAL}.
 */
@CustodianTest
class ApiFuzzIT {

    static final int CASES = Integer.getInteger("custodian.fuzz.cases", 10_000);
    /**
     * The normal run is the same every time (a build does not pass or fail by chance); {@code -Pnightly}
     * draws a new seed ({@code random}) and prints it, so that a finding can be replayed with
     * {@code -Dcustodian.fuzz.seed=N}.
     */
    static final long SEED = "random".equals(System.getProperty("custodian.fuzz.seed"))
            ? Long.parseLong(net.jqwik.engine.SourceOfRandomness.createRandomSeed())
            : Long.getLong("custodian.fuzz.seed", 20_261_207L);

    /** Each call acts on the whole hospital whatever its input: fuzzing them would change every other test's data. */
    static final Set<String> WHOLE_HOSPITAL = Set.of("GET /api/audit/verify", "GET /api/audit/checkpoint",
            "POST /api/completion/reanalysis", "POST /api/privacy/scan", "PUT /api/retention/schedules",
            "PUT /api/completion/policy", "POST /api/completion/escalations", "GET /fhir/r4/Patient/$export",
            "GET /fhir/r4/$export");

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    record Endpoint(String method, String pattern, Permission permission, List<String> queryNames, List<String> bodyFields,
                    boolean hasBody) {
    }

    @Test
    void noGeneratedInputGetsA5xxFromAnyEndpoint() {
        List<Endpoint> endpoints = endpoints();
        int each = (CASES + endpoints.size() - 1) / endpoints.size();
        Map<String, String> failures = new TreeMap<>();
        int sent = 0;
        long started = System.nanoTime();
        for (Endpoint e : endpoints) {
            String user = user(e.permission());
            // Each endpoint's inputs from its own seed: adding an endpoint does not change the others'.
            net.jqwik.engine.SourceOfRandomness.create(Long.toString(SEED + (e.method() + " " + e.pattern()).hashCode()));
            Iterator<Request> inputs = requests(e).sampleStream().limit(each).iterator();
            while (inputs.hasNext()) {
                Request r = inputs.next();
                Api.Response response;
                try {
                    response = api.as(user, e.method(), r.path(), r.body());
                } catch (RuntimeException transport) {
                    failures.putIfAbsent(e.method() + " " + e.pattern(), "transport " + transport + " for " + r);
                    continue;
                }
                sent++;
                if (response.status() >= 500) {
                    failures.putIfAbsent(e.method() + " " + e.pattern(), response.status() + " for " + r + ": "
                            + (response.body().length() > 300 ? response.body().substring(0, 300) : response.body()));
                }
            }
        }
        System.out.printf("API fuzz: %,d generated requests over %d endpoints (%d each) in %d s, seed %d%n", sent,
                endpoints.size(), each, (System.nanoTime() - started) / 1_000_000_000L, SEED);
        assertThat(sent).isGreaterThanOrEqualTo(CASES);
        assertThat(failures).as("endpoints that answered a generated input with a 5xx").isEmpty();
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> found = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> m : mappings.getHandlerMethods().entrySet()) {
            for (String pattern : m.getKey().getPatternValues()) {
                for (var method : m.getKey().getMethodsCondition().getMethods()) {
                    String key = method.name() + " " + pattern;
                    Permission permission = EndpointAuthorizationMatrixIT.RULES.get(key);
                    if (permission == null || WHOLE_HOSPITAL.contains(key)) {
                        continue;
                    }
                    List<String> query = new ArrayList<>();
                    List<String> fields = new ArrayList<>();
                    boolean body = false;
                    for (MethodParameter p : m.getValue().getMethodParameters()) {
                        RequestParam param = p.getParameterAnnotation(RequestParam.class);
                        if (param != null) {
                            String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                                    : p.getParameter().getName();
                            query.add(name);
                        }
                        if (p.hasParameterAnnotation(RequestBody.class)) {
                            body = true;
                            Class<?> type = p.getParameterType();
                            if (type.isRecord()) {
                                for (RecordComponent c : type.getRecordComponents()) {
                                    fields.add(c.getName());
                                }
                            }
                        }
                    }
                    if (pattern.startsWith("/fhir/")) {
                        query.addAll(List.of("name", "family", "given", "birthdate", "patient", "_count", "_id", "date", "code",
                                "identifier", "_type", "_outputFormat", "subject", "encounter"));
                        body |= method.name().equals("POST") || method.name().equals("PUT");
                    }
                    found.add(new Endpoint(method.name(), pattern, permission, query, fields,
                            body || method.name().equals("POST") || method.name().equals("PUT")));
                }
            }
        }
        found.sort((a, b) -> (a.method() + a.pattern()).compareTo(b.method() + b.pattern()));
        return found;
    }

    private String user(Permission permission) {
        if (Role.HIM_DIRECTOR.grants(permission)) {
            return accounts.of(Role.HIM_DIRECTOR);
        }
        for (Role role : Role.values()) {
            if (role.grants(permission)) {
                return accounts.of(role);
            }
        }
        throw new IllegalStateException("no role holds " + permission);
    }

    record Request(String path, String body) {
        @Override
        public String toString() {
            return path + (body == null ? "" : " body " + (body.length() > 400 ? body.substring(0, 400) + "…" : body));
        }
    }

    // ---- generators (jqwik) ----

    private Arbitrary<Request> requests(Endpoint e) {
        Arbitrary<String> path = pathOf(e.pattern());
        Arbitrary<String> query = e.queryNames().isEmpty() ? Arbitraries.just("")
                : Combinators.combine(Arbitraries.of(e.queryNames()), urlValue()).as((n, v) -> n + "=" + v)
                        .list().ofMaxSize(3).map(parts -> parts.isEmpty() ? "" : "?" + String.join("&", parts));
        Arbitrary<String> body = e.hasBody() ? body(e.bodyFields()) : Arbitraries.just((String) null);
        return Combinators.combine(path, query, body).as((p, q, b) -> new Request(p + q, b));
    }

    private static Arbitrary<String> pathOf(String pattern) {
        Matcher m = PATH_VARIABLE.matcher(pattern);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        if (names.isEmpty()) {
            return Arbitraries.just(pattern);
        }
        return pathValue().list().ofSize(names.size()).map(values -> {
            String path = pattern;
            for (String v : values) {
                path = PATH_VARIABLE.matcher(path).replaceFirst(Matcher.quoteReplacement(v));
            }
            return path;
        });
    }

    /** Path segments that name nothing that exists: out-of-range, negative, non-numeric, encoded control characters. */
    private static Arbitrary<String> pathValue() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1_000_000_000_000L, Long.MAX_VALUE).map(String::valueOf),
                Arbitraries.longs().between(Long.MIN_VALUE, 0).map(String::valueOf),
                Arbitraries.of("99999999999999999999999", "1.5", "abc", "%00", "%ED%A0%80", "%25", "..%2F..", "-", "1e9",
                        "%20", "null", "undefined", "NaN", "%E2%80%AE", "x".repeat(300), "Patient.ndjson", "nobody-" + "z".repeat(8)),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20).map(s -> "fz-" + s));
    }

    private static Arbitrary<String> urlValue() {
        // Raw percent-escapes that decode to no valid UTF-8 or to NUL, beside hostile text encoded as a client would.
        return Arbitraries.oneOf(Arbitraries.oneOf(hostileString(), number()).map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8)),
                Arbitraries.of("%00", "%ED%A0%80", "%FF", "%C0%AF", "a%00b"));
    }

    /** Strings no validator expects: control characters, lone surrogates, RTL marks, formulas, SQL, long runs, bad dates. */
    static Arbitrary<String> hostileString() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(5),
                Arbitraries.strings().withCharRange('\uD800', '\uDFFF').ofMinLength(1).ofMaxLength(3),
                Arbitraries.of("", " ", "-999999999-01-01", "+999999999-12-31", "2999-01-01", "1990-02-30", "31/12/1990",
                        "2026-13-01", "T", "=cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "' OR 1=1--", "\u202Egnp.exe",
                        "x".repeat(5_000), "é".repeat(300), "\uD83D\uDE00", "null", "true", "[]", "{}", "1e400", "P1Y",
                        "F", "M", "X", "ADMIN", "system/*.read"));
    }

    /** Numbers that are never a real record's id: 0, negative, beyond 10^12, fractions, exponents out of range. */
    static Arbitrary<String> number() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(Long.MIN_VALUE, 0).map(String::valueOf),
                Arbitraries.longs().between(1_000_000_000_000L, Long.MAX_VALUE).map(String::valueOf),
                Arbitraries.of("1e400", "-1e400", "0.5", "-0", "1E-400", "99999999999999999999999999", "0x10", "1.0e+3"));
    }

    private static Arbitrary<String> body(List<String> fields) {
        Set<String> keys = new LinkedHashSet<>(fields);
        keys.addAll(List.of("id", "patientId", "encounterId", "documentId", "username", "password", "roles", "from", "to",
                "birthDate", "givenName", "familyName", "sex", "ssn", "resourceType", "type", "entry"));
        Arbitrary<String> object = Combinators.combine(Arbitraries.of(List.copyOf(keys)), json(2))
                .as((k, v) -> quote(k) + ":" + v).list().ofMaxSize(8).map(p -> "{" + String.join(",", p) + "}");
        Arbitrary<String> broken = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.of("{", "{\"a\":", "[1,2", "{\"a\":1}}", "\u0000", "{\"a\":\"\\u0000\"}", "{\"a\":\"\\ud800\"}",
                        "{\"a\":01}", "{'a':1}", "{\"a\":NaN}", "[".repeat(2_000), "{\"a\":1,\"a\":2}"));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, object),
                net.jqwik.api.Tuple.of(1, json(2)),
                net.jqwik.api.Tuple.of(1, broken));
    }

    /** A JSON value of at most {@code depth} levels of nesting, as text. */
    private static Arbitrary<String> json(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(hostileString().map(ApiFuzzIT::quote), number(),
                Arbitraries.of("true", "false", "null"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> array = json(depth - 1).list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> object = Combinators.combine(hostileString(), json(depth - 1)).as((k, v) -> quote(k) + ":" + v)
                .list().ofMaxSize(4).map(p -> "{" + String.join(",", p) + "}");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, scalar), net.jqwik.api.Tuple.of(2, array),
                net.jqwik.api.Tuple.of(2, object));
    }

    /** A JSON string literal; control characters and lone surrogates escaped as \\uXXXX, as an attacker would send them. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
