package dev.alknet.flowgraph.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Compiles one schema document into a {@link Shape}. Never throws on bad input: whatever it cannot read becomes an
 * unknown shape carrying the reason, so one odd spec costs its own edges and nothing else.
 */
public final class ShapeCompiler {

    /** Deeper than this is treated as unknown; it also stops recursive {@code $ref}s. */
    static final int MAX_DEPTH = 32;

    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$anchor", "$dynamicAnchor", "$comment",
            "$defs", "definitions", "$vocabulary", "title", "description", "default", "examples", "deprecated",
            "readOnly", "writeOnly", "format", "contentMediaType", "contentEncoding");

    private final JsonNode root;

    private ShapeCompiler(JsonNode root) {
        this.root = root;
    }

    public static Shape compile(JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return Shape.unknown("no schema");
        }
        return new ShapeCompiler(schema).compile(schema, 0);
    }

    private Shape compile(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            return Shape.unknown("schema nested deeper than " + MAX_DEPTH + " levels (a recursive $ref?)");
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? Shape.ANYTHING : Shape.unknown("the schema false (accepts nothing)");
        }
        if (!node.isObject()) {
            return Shape.unknown("a schema must be an object or a boolean, not " + node.getNodeType());
        }
        if (node.has("$ref")) {
            return reference(node, depth);
        }
        int types = 0;
        List<JsonNode> values = null;
        Map<String, Shape> properties = Map.of();
        Set<String> required = Set.of();
        Shape additional = null;
        Shape items = null;
        Map<String, JsonNode> bounds = new HashMap<>();
        Map<String, JsonNode> others = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String keyword = entry.getKey();
            JsonNode value = entry.getValue();
            if (ANNOTATIONS.contains(keyword)) {
                continue;
            }
            switch (keyword) {
                case "type" -> {
                    types = types(value);
                    if (types < 0) {
                        return Shape.unknown("type must be a type name or an array of them, got " + value);
                    }
                }
                case "enum" -> {
                    if (!value.isArray()) {
                        return Shape.unknown("enum must be an array, got " + value.getNodeType());
                    }
                    values = restrict(values, elements(value));
                }
                case "const" -> values = restrict(values, List.of(value));
                case "properties" -> {
                    if (!value.isObject()) {
                        return Shape.unknown("properties must be an object, got " + value.getNodeType());
                    }
                    properties = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> property : value.properties()) {
                        properties.put(property.getKey(), compile(property.getValue(), depth + 1));
                    }
                }
                case "required" -> {
                    required = names(value);
                    if (required == null) {
                        return Shape.unknown("required must be an array of property names, got " + value);
                    }
                }
                case "additionalProperties" -> additional = value.isBoolean() && !value.booleanValue()
                        ? Shape.NONE : compile(value, depth + 1);
                case "items" -> {
                    if (value.isArray()) {
                        others.put(keyword, value);
                    } else {
                        items = compile(value, depth + 1);
                    }
                }
                default -> {
                    if (Bound.KEYWORDS.containsKey(keyword)) {
                        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                            return Shape.unknown(keyword + " must be a finite number, got " + value);
                        }
                        bounds.put(keyword, value);
                    } else {
                        others.put(keyword, value);
                    }
                }
            }
        }
        if (types == 0 && values != null) {
            for (JsonNode value : values) {
                types |= JsonType.of(value);
            }
        }
        boolean anything = types == 0 && values == null && properties.isEmpty() && required.isEmpty()
                && additional == null && items == null && bounds.isEmpty() && others.isEmpty();
        return anything ? Shape.ANYTHING : new Shape(null, false, types, values, properties, required, additional,
                items, Map.copyOf(bounds), Map.copyOf(others));
    }

    private Shape reference(JsonNode node, int depth) {
        JsonNode ref = node.get("$ref");
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getKey().equals("$ref") && !ANNOTATIONS.contains(entry.getKey())) {
                return Shape.unknown("$ref beside the keyword '" + entry.getKey() + "' is not supported");
            }
        }
        if (!ref.isString() || !ref.stringValue().startsWith("#")) {
            return Shape.unknown("$ref " + ref + " cannot be resolved (only local '#/...' references are)");
        }
        JsonNode target;
        try {
            target = root.at(JsonPointer.compile(ref.stringValue().substring(1)));
        } catch (IllegalArgumentException e) {
            return Shape.unknown("$ref " + ref + " is not a valid JSON pointer");
        }
        if (target.isMissingNode()) {
            return Shape.unknown("$ref " + ref + " points at nothing in this schema");
        }
        return compile(target, depth + 1);
    }

    /** Bits of a {@code type} value, or -1 when it is not a type name or an array of type names. */
    private static int types(JsonNode value) {
        if (value.isString()) {
            int bit = JsonType.bit(value.stringValue());
            return bit == 0 ? -1 : bit;
        }
        if (!value.isArray() || value.isEmpty()) {
            return -1;
        }
        int bits = 0;
        for (JsonNode name : value.values()) {
            int bit = name.isString() ? JsonType.bit(name.stringValue()) : 0;
            if (bit == 0) {
                return -1;
            }
            bits |= bit;
        }
        return bits;
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> list = new ArrayList<>(array.size());
        array.values().forEach(list::add);
        return list;
    }

    /** {@code enum} and {@code const} together allow only the values both allow. */
    private static List<JsonNode> restrict(List<JsonNode> current, List<JsonNode> allowed) {
        if (current == null) {
            return List.copyOf(allowed);
        }
        return current.stream().filter(allowed::contains).toList();
    }

    private static Set<String> names(JsonNode value) {
        if (!value.isArray()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode name : value.values()) {
            if (!name.isString()) {
                return null;
            }
            names.add(name.stringValue());
        }
        return names;
    }
}
