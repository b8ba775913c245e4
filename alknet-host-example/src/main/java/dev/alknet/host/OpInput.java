package dev.alknet.host;

import dev.alknet.core.frame.FrameCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the JSON Schema of an operation's input: an object with named fields and nothing else, so a misspelt
 * field is a {@code VALIDATION_ERROR} naming it rather than silently ignored.
 */
final class OpInput {

    private final ObjectNode schema = FrameCodec.jsonMapper().createObjectNode();
    private final ObjectNode properties;
    private final ArrayNode required;

    private OpInput() {
        schema.put("type", "object").put("additionalProperties", false);
        properties = schema.putObject("properties");
        required = schema.putArray("required");
    }

    static OpInput object() {
        return new OpInput();
    }

    OpInput required(String field, JsonNode fieldSchema) {
        required.add(field);
        return optional(field, fieldSchema);
    }

    OpInput optional(String field, JsonNode fieldSchema) {
        properties.set(field, fieldSchema);
        return this;
    }

    /** Exactly one of {@code fields} must be given. */
    OpInput oneOf(String... fields) {
        ArrayNode alternatives = schema.putArray("oneOf");
        for (String field : fields) {
            alternatives.addObject().putArray("required").add(field);
        }
        return this;
    }

    JsonNode build() {
        return schema.deepCopy();
    }

    /** A storage name, key or id: 1 to 255 characters (storage checks the rest and names the field). */
    static JsonNode name() {
        return FrameCodec.jsonMapper().createObjectNode().put("type", "string").put("minLength", 1)
                .put("maxLength", 255);
    }

    static JsonNode names() {
        ObjectNode array = FrameCodec.jsonMapper().createObjectNode().put("type", "array");
        array.set("items", name());
        return array;
    }

    static JsonNode text() {
        return FrameCodec.jsonMapper().createObjectNode().put("type", "string");
    }

    static JsonNode bool() {
        return FrameCodec.jsonMapper().createObjectNode().put("type", "boolean");
    }

    static JsonNode integer(long min, long max) {
        return FrameCodec.jsonMapper().createObjectNode().put("type", "integer").put("minimum", min)
                .put("maximum", max);
    }

    /** A JSON object: attributes. */
    static JsonNode jsonObject() {
        return FrameCodec.jsonMapper().createObjectNode().put("type", "object");
    }

    /** A JSON Schema: an object or a boolean. */
    static JsonNode jsonSchema() {
        ObjectNode schema = FrameCodec.jsonMapper().createObjectNode();
        schema.putArray("type").add("object").add("boolean");
        return schema;
    }

    static JsonNode oneOfValues(String... values) {
        ObjectNode schema = FrameCodec.jsonMapper().createObjectNode();
        ArrayNode list = schema.putArray("enum");
        for (String value : values) {
            list.add(value);
        }
        return schema;
    }
}
