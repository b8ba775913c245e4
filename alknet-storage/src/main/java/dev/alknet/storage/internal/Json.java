package dev.alknet.storage.internal;

import dev.alknet.storage.StorageException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * JSON as storage reads and writes it. Input is parsed strictly (duplicate keys are an error, not "last wins"), and
 * everything stored is first checked to be representable identically on SQLite and PostgreSQL: PostgreSQL's
 * {@code jsonb} cannot hold U+0000, and no database can hold an unpaired surrogate or a non-finite number as JSON.
 */
public final class Json {

    /** Largest serialized attributes object; bigger blobs belong in files, not in graph rows. */
    public static final int MAX_BYTES = 1 << 20;

    static final JsonMapper MAPPER = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private Json() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** @throws StorageException INVALID naming {@code what} and the parser's complaint */
    public static JsonNode parse(String text, String what) {
        if (text == null) {
            throw invalid(what + " is missing");
        }
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw invalid(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Parses text that storage itself wrote. */
    static JsonNode read(String stored) {
        try {
            return MAPPER.readTree(stored);
        } catch (JacksonException e) {
            throw new StorageException(StorageException.Kind.UNAVAILABLE, "stored JSON is corrupt: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Serializes a value after {@link #checkStorable}; the result is what gets stored. */
    static String write(JsonNode node, String what) {
        checkStorable(node, what);
        String text = MAPPER.writeValueAsString(node);
        long bytes = Utf8.length(text);
        if (bytes > MAX_BYTES) {
            throw invalid(what + " take " + bytes + " bytes as JSON, more than the " + MAX_BYTES + " allowed");
        }
        return text;
    }

    static String writeList(List<String> values) {
        ArrayNode array = MAPPER.createArrayNode();
        values.forEach(array::add);
        return MAPPER.writeValueAsString(array);
    }

    static List<String> readList(String stored) {
        List<String> out = new ArrayList<>();
        read(stored).forEach(v -> out.add(v.asString()));
        return out;
    }

    /**
     * @throws StorageException INVALID naming the JSON pointer of the first value no database can store the same
     */
    static void checkStorable(JsonNode node, String what) {
        Problem problem = firstProblem(node);
        if (problem != null) {
            throw invalid(what + " cannot be stored: " + problem.message());
        }
    }

    /**
     * What is wrong at a value, and the reference tokens leading to it. The tokens are added while the walk unwinds,
     * so a storable value (the usual case) costs no pointer strings at all.
     */
    private record Problem(String subject, String defect, ArrayDeque<String> tokens) {

        Problem(String subject, String defect) {
            this(subject, defect, new ArrayDeque<>());
        }

        Problem under(String token) {
            tokens.addFirst(escape(token));
            return this;
        }

        String message() {
            return "the " + subject + " at '" + (tokens.isEmpty() ? "" : "/" + String.join("/", tokens)) + "' "
                    + defect;
        }
    }

    private static Problem firstProblem(JsonNode node) {
        if (node.isString()) {
            String bad = Text.unstorable(node.asString());
            return bad == null ? null : new Problem("string", "contains " + bad);
        }
        if (node.isFloatingPointNumber() && !Double.isFinite(node.asDouble())) {
            return new Problem("number", "is not finite");
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String bad = Text.unstorable(field.getKey());
                if (bad != null) {
                    return new Problem("property name", "contains " + bad).under(field.getKey());
                }
                Problem problem = firstProblem(field.getValue());
                if (problem != null) {
                    return problem.under(field.getKey());
                }
            }
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Problem problem = firstProblem(node.get(i));
                if (problem != null) {
                    return problem.under(Integer.toString(i));
                }
            }
        }
        return null;
    }

    /** RFC 6901 escaping of one reference token. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static StorageException invalid(String message) {
        return new StorageException(StorageException.Kind.INVALID, message);
    }
}
