package dev.alknet.flowgraph.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A JSON Schema reduced to what the compatibility check compares, compiled once per distinct schema so that
 * comparing every pair of a thousand specs stays cheap.
 *
 * @param unknown why the schema cannot be compared (malformed, unresolvable {@code $ref}, ...), or null
 * @param anything no constraint at all ({@code true} or {@code {}} once annotations are ignored)
 * @param types bit set of {@link JsonType}s; 0 = any type
 * @param values the allowed values ({@code enum}/{@code const}), or null for no such restriction
 * @param properties declared properties in declaration order
 * @param required required property names
 * @param additional {@code additionalProperties}: null when not declared, {@link #NONE} for {@code false}
 * @param items the {@code items} schema, or null
 * @param bounds numeric keywords with an order ({@code minimum}, {@code maxLength}, ...)
 * @param others every other constraint keyword, compared by equality only
 */
public record Shape(String unknown, boolean anything, int types, List<JsonNode> values, Map<String, Shape> properties,
        Set<String> required, Shape additional, Shape items, Map<String, JsonNode> bounds,
        Map<String, JsonNode> others) {

    /** Accepts every value. */
    public static final Shape ANYTHING = new Shape(null, true, 0, null, Map.of(), Set.of(), null, null, Map.of(),
            Map.of());

    /** {@code additionalProperties: false}: no value at all. */
    public static final Shape NONE = new Shape(null, false, 0, List.of(), Map.of(), Set.of(), null, null, Map.of(),
            Map.of());

    static Shape unknown(String reason) {
        return new Shape(reason, false, 0, null, Map.of(), Set.of(), null, null, Map.of(), Map.of());
    }

    public boolean mayBe(int typeBits) {
        return types == 0 || (types & typeBits) != 0;
    }
}
