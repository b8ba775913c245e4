package dev.alknet.callproto.internal;

import dev.alknet.core.frame.FrameCodec;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A minimal JSON Schema for a Java type, for typed registration without a hand-written schema: JSON types of
 * properties, primitives required, references nullable, and extra properties allowed (peers may send more than this
 * node knows). Anything it cannot describe precisely is left open rather than guessed.
 */
public final class RecordSchemas {

    private RecordSchemas() {
    }

    public static ObjectNode derive(Class<?> type) {
        return derive(type, new HashSet<>());
    }

    private static ObjectNode derive(Class<?> type, Set<Class<?>> seen) {
        ObjectNode schema = FrameCodec.jsonMapper().createObjectNode();
        String json = jsonType(type);
        if (json != null) {
            schema.put("type", json);
            if (type.isEnum()) {
                ArrayNode names = schema.putArray("enum");
                for (Object constant : type.getEnumConstants()) {
                    names.add(((Enum<?>) constant).name());
                }
            }
            return schema;
        }
        if (!type.isRecord() || !seen.add(type)) {
            return schema;
        }
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (RecordComponent component : type.getRecordComponents()) {
            ObjectNode property = derive(component.getType(), seen);
            if (component.getType().isPrimitive()) {
                required.add(component.getName());
            } else if (property.has("type")) {
                ArrayNode types = FrameCodec.jsonMapper().createArrayNode().add(property.get("type")).add("null");
                property.set("type", types);
                if (property.has("enum")) {
                    ((ArrayNode) property.get("enum")).addNull();
                }
            }
            properties.set(component.getName(), property);
        }
        seen.remove(type);
        return schema;
    }

    private static String jsonType(Class<?> type) {
        if (type == String.class || type == char.class || type == Character.class || type.isEnum()
                || type == byte[].class) {
            return "string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return "integer";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class
                || type == BigDecimal.class) {
            return "number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "object";
        }
        return null;
    }
}
