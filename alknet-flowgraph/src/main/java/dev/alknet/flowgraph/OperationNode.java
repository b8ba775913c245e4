package dev.alknet.flowgraph;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One operation of the operation graph, read from the JSON shape of an OperationSpec (the {@code /services/schema}
 * answer): {@code {"name", "namespace"?, "op_type", "input_schema"?, "output_schema"?}}.
 *
 * @param name the operation path, e.g. {@code /dev1/fs/readFile}
 * @param namespace the service segment; derived from the name when the spec has none
 * @param type query, mutation or subscription
 * @param inputSchema JSON Schema of inputs, or null when the spec declares none
 * @param outputSchema JSON Schema of outputs, or null when the spec declares none
 */
public record OperationNode(String name, String namespace, OperationType type, JsonNode inputSchema,
        JsonNode outputSchema) {

    public OperationNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(type, "type");
    }

    /**
     * Reads one spec.
     *
     * @throws IllegalArgumentException naming the field that is missing or of the wrong kind
     */
    public static OperationNode fromJson(JsonNode spec) {
        if (spec == null || !spec.isObject()) {
            throw new IllegalArgumentException("an operation spec must be a JSON object, got "
                    + (spec == null ? "null" : spec.getNodeType()));
        }
        JsonNode name = spec.path("name");
        if (!name.isString() || !name.stringValue().startsWith("/") || name.stringValue().length() < 2) {
            throw new IllegalArgumentException("operation spec: name must be an operation path such as"
                    + " /fs/readFile, got " + name);
        }
        String path = name.stringValue();
        JsonNode namespace = spec.path("namespace");
        if (!namespace.isMissingNode() && !namespace.isString()) {
            throw new IllegalArgumentException("operation spec " + path + ": namespace must be a string, got "
                    + namespace);
        }
        JsonNode opType = spec.path("op_type");
        if (!opType.isString()) {
            throw new IllegalArgumentException("operation spec " + path + ": op_type must be a string, got " + opType);
        }
        OperationType type;
        try {
            type = OperationType.fromWireName(opType.stringValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("operation spec " + path + ": " + e.getMessage(), e);
        }
        return new OperationNode(path, namespace.isString() ? namespace.stringValue() : namespaceOf(path), type,
                schema(spec.get("input_schema")), schema(spec.get("output_schema")));
    }

    /** The second of three path segments, the first of two (the rule of alknet-spec §2.8.4). */
    static String namespaceOf(String path) {
        String[] segments = path.substring(1).split("/", -1);
        return segments.length >= 3 ? segments[1] : segments.length == 2 ? segments[0] : "";
    }

    private static JsonNode schema(JsonNode schema) {
        return schema == null || schema.isNull() ? null : schema.deepCopy();
    }
}
