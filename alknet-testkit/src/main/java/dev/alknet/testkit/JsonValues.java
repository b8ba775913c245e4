package dev.alknet.testkit;

import java.math.BigDecimal;
import java.util.Comparator;
import tools.jackson.databind.JsonNode;

/**
 * Compares JSON as values: a number read back from storage may be another node type with the same value
 * (PostgreSQL's jsonb prints numbers in plain decimal, a long that fits comes back as an int), which
 * {@link JsonNode#equals(Object)} tells apart.
 */
public final class JsonValues {

    /** For {@link JsonNode#equals(Comparator, JsonNode)}: numbers by decimal value, everything else exactly. */
    public static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return new BigDecimal(a.asString()).compareTo(new BigDecimal(b.asString()));
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonValues() {
    }

    /** Whether {@code a} and {@code b} hold the same JSON value. */
    public static boolean same(JsonNode a, JsonNode b) {
        return a.equals(BY_VALUE, b);
    }
}
