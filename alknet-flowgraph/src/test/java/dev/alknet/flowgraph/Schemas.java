package dev.alknet.flowgraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Generators of well-formed schemas, of their structural subtypes, and of arbitrary JSON posing as schemas. */
final class Schemas {

    private static final List<String> NAMES = List.of("a", "b", "c", "id", "name", "tags");

    private Schemas() {
    }

    static Arbitrary<ObjectNode> schemas() {
        return schema(3);
    }

    private static Arbitrary<ObjectNode> schema(int depth) {
        Arbitrary<ObjectNode> primitive = Arbitraries.of("string", "integer", "number", "boolean", "null")
                .map(Schemas::typed);
        Arbitrary<ObjectNode> enumerated = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3).set()
                .ofMinSize(1).ofMaxSize(4).map(values -> {
                    ObjectNode node = typed("string");
                    values.forEach(node.putArray("enum")::add);
                    return node;
                });
        Arbitrary<ObjectNode> bounded = Arbitraries.integers().between(-5, 5).map(min -> {
            ObjectNode node = typed("integer");
            node.put("minimum", min);
            return node;
        });
        if (depth == 0) {
            return Arbitraries.oneOf(primitive, enumerated, bounded);
        }
        Arbitrary<ObjectNode> object = Arbitraries.maps(Arbitraries.of(NAMES), schema(depth - 1))
                .ofMinSize(1).ofMaxSize(3)
                .flatMap(properties -> Arbitraries.subsetOf(properties.keySet())
                        .flatMap(required -> Arbitraries.of(true, false).map(closed -> {
                            ObjectNode node = typed("object");
                            properties.forEach(node.putObject("properties")::set);
                            required.forEach(node.putArray("required")::add);
                            if (closed) {
                                node.put("additionalProperties", false);
                            }
                            return node;
                        })));
        Arbitrary<ObjectNode> array = schema(depth - 1).map(items -> {
            ObjectNode node = typed("array");
            node.set("items", items);
            return node;
        });
        return Arbitraries.frequencyOf(
                Tuple.of(3, primitive), Tuple.of(1, enumerated),
                Tuple.of(1, bounded), Tuple.of(3, object),
                Tuple.of(1, array));
    }

    private static ObjectNode typed(String type) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("type", type);
        return node;
    }

    /**
     * A structural subtype of {@code schema}: one narrowing step (number → integer, type → enum, smaller enum, a
     * tighter minimum, one more property or one more required property) somewhere in it.
     */
    static ObjectNode narrow(ObjectNode schema, Random random) {
        ObjectNode copy = schema.deepCopy();
        List<ObjectNode> places = new ArrayList<>();
        collect(copy, places);
        ObjectNode place = places.get(random.nextInt(places.size()));
        String type = place.path("type").stringValue("");
        switch (type) {
            case "number" -> place.put("type", "integer");
            case "integer" -> place.put("minimum", place.path("minimum").asInt(-10) + 1);
            case "string" -> {
                ArrayNode values = (ArrayNode) place.get("enum");
                if (values == null) {
                    place.putArray("enum").add("x").add("y");
                } else if (values.size() > 1) {
                    values.remove(random.nextInt(values.size()));
                }
            }
            case "object" -> narrowObject(place, random);
            default -> {
                // boolean, null and array places stay as they are: a schema is its own subtype
            }
        }
        return copy;
    }

    private static void narrowObject(ObjectNode object, Random random) {
        ObjectNode properties = (ObjectNode) object.get("properties");
        ArrayNode required = object.has("required") ? (ArrayNode) object.get("required") : object.putArray("required");
        List<String> optional = new ArrayList<>();
        for (String name : properties.propertyNames()) {
            if (!contains(required, name)) {
                optional.add(name);
            }
        }
        if (!optional.isEmpty() && (random.nextBoolean() || object.has("additionalProperties"))) {
            required.add(optional.get(random.nextInt(optional.size())));
        } else if (!object.has("additionalProperties")) {
            String name = "extra" + properties.size();
            properties.set(name, typed("boolean"));
            required.add(name);
        }
    }

    private static boolean contains(ArrayNode array, String name) {
        for (JsonNode value : array.values()) {
            if (value.stringValue().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static void collect(ObjectNode schema, List<ObjectNode> places) {
        places.add(schema);
        if (schema.has("properties")) {
            for (JsonNode property : schema.get("properties").values()) {
                collect((ObjectNode) property, places);
            }
        }
        if (schema.has("items")) {
            collect((ObjectNode) schema.get("items"), places);
        }
    }

    /** Any JSON at all, biased towards schema keywords so that the compiler's error paths are reached. */
    static Arbitrary<JsonNode> anyJson() {
        return json(3);
    }

    private static Arbitrary<JsonNode> json(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (JsonNode) Json.MAPPER.getNodeFactory().numberNode(i)),
                Arbitraries.doubles().withSpecialValue(Double.POSITIVE_INFINITY).withSpecialValue(Double.NaN)
                        .map(d -> (JsonNode) Json.MAPPER.getNodeFactory().numberNode(d)),
                Arbitraries.of("string", "integer", "object", "array", "#", "#/$defs/x", "#/properties/a", "bogus", "")
                        .map(s -> (JsonNode) Json.MAPPER.getNodeFactory().stringNode(s)),
                Arbitraries.of(true, false).map(b -> (JsonNode) Json.MAPPER.getNodeFactory().booleanNode(b)),
                Arbitraries.just(Json.MAPPER.getNodeFactory().nullNode()));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> keys = Arbitraries.of("type", "properties", "required", "items", "enum", "const",
                "additionalProperties", "$ref", "$defs", "minimum", "maxLength", "pattern", "anyOf", "a", "b");
        Arbitrary<JsonNode> object = Arbitraries.maps(keys, json(depth - 1)).ofMaxSize(4).map(map -> {
            ObjectNode node = Json.MAPPER.createObjectNode();
            map.forEach(node::set);
            return node;
        });
        Arbitrary<JsonNode> array = json(depth - 1).list().ofMaxSize(3).map(list -> {
            ArrayNode node = Json.MAPPER.createArrayNode();
            list.forEach(node::add);
            return node;
        });
        return Arbitraries.frequencyOf(Tuple.of(2, leaf), Tuple.of(4, object),
                Tuple.of(1, array));
    }
}
