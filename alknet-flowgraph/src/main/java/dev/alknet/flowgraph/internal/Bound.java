package dev.alknet.flowgraph.internal;

import java.util.Map;

/**
 * A numeric keyword with an order: a lower bound is satisfied by an output bound at least as high, an upper bound
 * by one at least as low. Each applies to one kind of value only ({@code minLength} to strings, ...).
 */
record Bound(boolean lower, int appliesTo) {

    static final Map<String, Bound> KEYWORDS = Map.ofEntries(
            Map.entry("minimum", new Bound(true, JsonType.INTEGER | JsonType.NUMBER)),
            Map.entry("exclusiveMinimum", new Bound(true, JsonType.INTEGER | JsonType.NUMBER)),
            Map.entry("maximum", new Bound(false, JsonType.INTEGER | JsonType.NUMBER)),
            Map.entry("exclusiveMaximum", new Bound(false, JsonType.INTEGER | JsonType.NUMBER)),
            Map.entry("minLength", new Bound(true, JsonType.STRING)),
            Map.entry("maxLength", new Bound(false, JsonType.STRING)),
            Map.entry("minItems", new Bound(true, JsonType.ARRAY)),
            Map.entry("maxItems", new Bound(false, JsonType.ARRAY)),
            Map.entry("minProperties", new Bound(true, JsonType.OBJECT)),
            Map.entry("maxProperties", new Bound(false, JsonType.OBJECT)));
}
