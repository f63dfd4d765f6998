package org.custodian.interop.internal.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The JSON of an import, read once: the Jackson tree HAPI's parser builds its structures from
 * (as its own {@code JacksonStructure} would read it: exact decimals, no trailing tokens), kept
 * beside the parsed Bundle so that each entry is stored as received without HAPI encoding it
 * again. Only the entry's id and its references are rewritten in the tree.
 */
final class RawJson {

    private static final String ENTRIES = RawJson.class.getName() + ".entries";

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private RawJson() {
    }

    /** A JSON object (else a DataFormatException, as HAPI's parser would throw). */
    static ObjectNode read(String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DataFormatException("Failed to parse JSON encoded FHIR content: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new DataFormatException("Content does not appear to be FHIR JSON: not a JSON object");
        }
        return object;
    }

    /** HAPI's structures from the tree (no second read of the text). */
    static org.hl7.fhir.instance.model.api.IBaseResource parse(IParser parser, ObjectNode tree) {
        JacksonStructure structure = new JacksonStructure();
        structure.setNativeObject(tree);
        return ((IJsonLikeParser) parser).parseResource(structure);
    }

    /** Keeps each entry's resource JSON with the bundle parsed from {@code tree}, when they line up one to one. */
    static void keepEntries(Bundle bundle, ObjectNode tree) {
        JsonNode entries = tree.path("entry");
        if (!entries.isArray() || entries.size() != bundle.getEntry().size()) {
            return;
        }
        List<ObjectNode> raw = new java.util.ArrayList<>(entries.size());
        for (JsonNode e : entries) {
            JsonNode resource = e.path("resource");
            raw.add(resource instanceof ObjectNode o ? o : null);
        }
        keep(bundle, raw);
    }

    static void keep(Bundle bundle, List<ObjectNode> raw) {
        if (raw.size() == bundle.getEntry().size()) {
            bundle.setUserData(ENTRIES, raw);
        }
    }

    /** The JSON entry {@code i} was parsed from, or null (XML input, or a Bundle built in code). */
    @SuppressWarnings("unchecked")
    static ObjectNode entry(Bundle bundle, int i) {
        Object raw = bundle.getUserData(ENTRIES);
        return raw instanceof List<?> list && i < list.size() ? (ObjectNode) list.get(i) : null;
    }

    /**
     * Sets the id the resource is kept under and rewrites every {@code reference} string by
     * {@code references} (null: unchanged), in contained resources and extensions too.
     */
    static void rewrite(ObjectNode resource, String id, UnaryOperator<String> references) {
        resource.put("id", id);
        rewrite(resource, references);
    }

    static String write(ObjectNode resource) {
        try {
            return MAPPER.writeValueAsString(resource);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void rewrite(JsonNode node, UnaryOperator<String> references) {
        if (node instanceof ObjectNode object) {
            for (var it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (field.getKey().equals("reference") && value.isTextual()) {
                    String to = references.apply(value.textValue());
                    if (to != null) {
                        field.setValue(object.textNode(to));
                    }
                } else if (value.isContainerNode()) {
                    rewrite(value, references);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                if (child.isContainerNode()) {
                    rewrite(child, references);
                }
            }
        }
    }
}
