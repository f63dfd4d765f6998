package org.custodian.staff.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The certifying bodies' recertification rules, read from a data file so that a department can
 * follow a new AHIMA guide without a new release of Custodian (see the file's {@code source}).
 */
record RecertificationRules(String version, String source, int cycleYears, BigDecimal hiimMinimumShare,
                            Map<String, Combination> combinations, Map<String, CredentialRule> credentials,
                            List<String> hiimDomains, String otherDomain,
                            Map<String, List<List<String>>> jobRequirements) {

    /** How a body combines several of its credentials into one requirement (AHIMA: +10 each, max 50). */
    record Combination(BigDecimal additionalCredentialCeus, BigDecimal maximumCeus) {
    }

    record CredentialRule(String code, String body, String title, BigDecimal ceus) {
    }

    static RecertificationRules read(InputStream in, String origin) {
        JsonNode root;
        try (in) {
            root = JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("recertification rules " + origin + ": cannot be read", e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("recertification rules " + origin + ": not valid JSON", e);
        }
        Map<String, Combination> combinations = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> c : root.path("combinations").properties()) {
            combinations.put(c.getKey(), new Combination(decimal(c.getValue(), "additionalCredentialCeus", origin),
                    decimal(c.getValue(), "maximumCeus", origin)));
        }
        Map<String, CredentialRule> credentials = new LinkedHashMap<>();
        for (JsonNode c : root.path("credentials")) {
            String code = text(c, "code", origin);
            credentials.put(code, new CredentialRule(code, text(c, "body", origin), text(c, "title", origin),
                    decimal(c, "ceus", origin)));
        }
        List<String> domains = new ArrayList<>();
        root.path("hiimDomains").forEach(d -> domains.add(d.asString()));
        Map<String, List<List<String>>> jobs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> job : root.path("jobRequirements").properties()) {
            List<List<String>> groups = new ArrayList<>();
            for (JsonNode group : job.getValue()) {
                List<String> anyOf = new ArrayList<>();
                group.forEach(code -> anyOf.add(code.asString()));
                groups.add(List.copyOf(anyOf));
            }
            jobs.put(job.getKey(), List.copyOf(groups));
        }
        if (credentials.isEmpty() || domains.isEmpty()) {
            throw new IllegalStateException("recertification rules " + origin + ": no credentials or no HIIM domains");
        }
        return new RecertificationRules(text(root, "version", origin), text(root, "source", origin),
                root.path("cycleYears").asInt(2), decimal(root, "hiimMinimumShare", origin), Map.copyOf(combinations),
                credentials, List.copyOf(domains), text(root, "otherDomain", origin), jobs);
    }

    Optional<CredentialRule> credential(String code) {
        return Optional.ofNullable(credentials.get(code));
    }

    boolean isHiim(String domain) {
        return hiimDomains.contains(domain);
    }

    boolean knowsDomain(String domain) {
        return isHiim(domain) || otherDomain.equals(domain);
    }

    private static String text(JsonNode node, String field, String origin) {
        JsonNode v = node.get(field);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            throw new IllegalStateException("recertification rules " + origin + ": '" + field + "' is missing");
        }
        return v.asString();
    }

    private static BigDecimal decimal(JsonNode node, String field, String origin) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalStateException("recertification rules " + origin + ": '" + field + "' must be a number");
        }
        return v.decimalValue();
    }
}
