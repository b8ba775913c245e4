package dev.alknet.flowgraph;

import dev.alknet.flowgraph.internal.Shape;
import dev.alknet.flowgraph.internal.ShapeComparison;
import dev.alknet.flowgraph.internal.ShapeCompiler;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks whether an output JSON Schema fits an input JSON Schema (rules and examples in docs/flowgraph.md).
 *
 * <p>Each distinct schema is compiled once and kept, so checking every pair of many specs is cheap. An instance is
 * not thread-safe: use one per thread, or one per graph build as {@link OperationGraph} does. Schemas must not be
 * mutated while an instance holds them. Nothing here throws on a bad schema: it is {@link Compatibility.Unknown}.
 */
public final class SchemaCompatibility {

    private final Map<JsonNode, Shape> byIdentity = new IdentityHashMap<>();
    private final Map<JsonNode, Shape> byValue = new HashMap<>();

    /**
     * @param output the producing operation's output schema (null = not declared)
     * @param input the consuming operation's input schema (null = not declared)
     */
    public Compatibility check(JsonNode output, JsonNode input) {
        return ShapeComparison.compare(shape(output), shape(input));
    }

    private Shape shape(JsonNode schema) {
        if (schema == null) {
            return ShapeCompiler.compile(null);
        }
        Shape shape = byIdentity.get(schema);
        if (shape == null) {
            shape = byValue.computeIfAbsent(schema, ShapeCompiler::compile);
            byIdentity.put(schema, shape);
        }
        return shape;
    }
}
