package org.custodian.interop.internal.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what a sender gives (a Bundle in JSON or XML, or NDJSON with one resource a line) into a
 * Bundle, with HAPI's parser in strict mode: an unknown element, an unknown resource type or a
 * value of the wrong type rejects the input, naming the entry where it can. Any exception of the
 * parser counts as unreadable input (the fuzz test found malformed JSON that makes HAPI throw
 * StringIndexOutOfBoundsException rather than DataFormatException).
 */
@Component
class FhirInput {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FhirContext fhir;

    FhirInput(FhirContext fhir) {
        this.fhir = fhir;
    }

    IParser jsonParser() {
        return fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }

    IParser xmlParser() {
        return fhir.newXmlParser().setParserErrorHandler(new StrictErrorHandler());
    }

    /** A Bundle from JSON or XML text; NDJSON when {@code ndjson} (a collection bundle of its lines). */
    Bundle parse(byte[] content, boolean ndjson) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        // PostgreSQL text cannot hold NUL, and no FHIR string needs it: refuse it before parsing.
        if (text.indexOf('\u0000') >= 0 || text.toLowerCase(java.util.Locale.ROOT).contains("\\u0000") || text.contains("&#0;")) {
            throw new BundleRejected(IssueType.INVALID, null, "the content holds a NUL character, which no FHIR string may contain");
        }
        if (ndjson) {
            return ndjson(text);
        }
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("<")) {
            return bundle(parseOrReject(xmlParser(), trimmed, null));
        }
        if (!trimmed.startsWith("{")) {
            throw new BundleRejected(IssueType.STRUCTURE, null, "neither JSON nor XML: the content must start with '{' or '<'");
        }
        IBaseResource parsed;
        com.fasterxml.jackson.databind.node.ObjectNode tree;
        try {
            tree = RawJson.read(trimmed);
            parsed = RawJson.parse(jsonParser(), tree);
        } catch (RuntimeException e) {
            throw diagnoseJson(trimmed, e);
        }
        Bundle bundle = bundle(parsed);
        RawJson.keepEntries(bundle, tree);
        return bundle;
    }

    private Bundle bundle(IBaseResource resource) {
        if (!(resource instanceof Bundle bundle)) {
            throw new BundleRejected(IssueType.NOTSUPPORTED, null,
                    "a " + resource.fhirType() + " was sent; only a Bundle (transaction, batch or collection) is imported");
        }
        return bundle;
    }

    private IBaseResource parseOrReject(IParser parser, String text, Integer entry) {
        try {
            return parser.parseResource(text);
        } catch (RuntimeException e) {
            String problem = sanitize(e.getMessage());
            throw entry == null ? new BundleRejected(IssueType.STRUCTURE, null, problem)
                    : BundleRejected.entry(entry, null, null, IssueType.STRUCTURE, problem);
        }
    }

    /** The whole bundle failed to parse: find the first entry that fails on its own, to name it. */
    private BundleRejected diagnoseJson(String text, RuntimeException failure) {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JacksonException e) {
            var at = e.getLocation();
            return new BundleRejected(IssueType.STRUCTURE, null, "invalid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
        JsonNode entries = tree.path("entry");
        if (entries.isArray()) {
            IParser parser = jsonParser();
            for (int i = 0; i < entries.size(); i++) {
                JsonNode resource = entries.get(i).path("resource");
                if (resource.isObject()) {
                    try {
                        parser.parseResource(resource.toString());
                    } catch (RuntimeException e) {
                        String type = resource.path("resourceType").asString(null);
                        return BundleRejected.entry(i, type, null,
                                sanitize(e.getMessage()).contains("Unknown resource") ? IssueType.NOTSUPPORTED : IssueType.STRUCTURE,
                                sanitize(e.getMessage()));
                    }
                }
            }
        }
        return new BundleRejected(IssueType.STRUCTURE, null, sanitize(failure.getMessage()));
    }

    private Bundle ndjson(String text) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        IParser parser = jsonParser();
        String[] lines = text.split("\r?\n");
        List<Resource> resources = new ArrayList<>(lines.length);
        List<com.fasterxml.jackson.databind.node.ObjectNode> raw = new ArrayList<>(lines.length);
        int entry = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            IBaseResource parsed;
            try {
                com.fasterxml.jackson.databind.node.ObjectNode tree = RawJson.read(line);
                parsed = RawJson.parse(parser, tree);
                raw.add(tree);
            } catch (RuntimeException e) {
                throw BundleRejected.entry(entry, null, null, IssueType.STRUCTURE, sanitize(e.getMessage()));
            }
            if (!(parsed instanceof Resource resource) || parsed instanceof Bundle) {
                throw BundleRejected.entry(entry, parsed.fhirType(), null, IssueType.NOTSUPPORTED,
                        "an NDJSON line must be one resource, not a " + parsed.fhirType());
            }
            resources.add(resource);
            entry++;
        }
        for (Resource r : resources) {
            bundle.addEntry().setFullUrl(r.fhirType() + "/" + r.getIdElement().getIdPart()).setResource(r);
        }
        RawJson.keep(bundle, raw);
        return bundle;
    }

    /** HAPI quotes offending values in its messages; a value may be patient data, so it is left out. */
    static String sanitize(String message) {
        if (message == null) {
            return "unreadable content";
        }
        // Element names are not patient data: keep them, quote-free, before blanking quoted values.
        String named = message.replaceAll("\\[element=\"([A-Za-z0-9_.\\[\\]]{1,100})\"\\]", "[element $1]");
        return named.replaceAll("\"[^\"]{0,200}\"", "\"…\"").replaceAll("\\s+", " ").trim();
    }
}
