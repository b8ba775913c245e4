package dev.alknet.flowgraph.internal;

import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/** The seven JSON Schema types as bits; integer is a subset of number. */
public final class JsonType {

    public static final int NULL = 1;
    public static final int BOOLEAN = 2;
    public static final int INTEGER = 4;
    public static final int NUMBER = 8;
    public static final int STRING = 16;
    public static final int ARRAY = 32;
    public static final int OBJECT = 64;

    private static final String[] NAMES = {"null", "boolean", "integer", "number", "string", "array", "object"};

    private JsonType() {
    }

    /** The bit of a type name, or 0 when it is not one. */
    public static int bit(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return 1 << i;
            }
        }
        return 0;
    }

    /** The type of a JSON value; a number without a fraction is an integer, as JSON Schema says. */
    public static int of(JsonNode value) {
        if (value.isNull()) {
            return NULL;
        } else if (value.isBoolean()) {
            return BOOLEAN;
        } else if (value.isNumber()) {
            return value.isIntegralNumber() || isWhole(value) ? INTEGER : NUMBER;
        } else if (value.isString()) {
            return STRING;
        } else if (value.isArray()) {
            return ARRAY;
        }
        return OBJECT;
    }

    /** The types a value set declared with these bits accepts: number also accepts integers. */
    public static int accepted(int bits) {
        return (bits & NUMBER) != 0 ? bits | INTEGER : bits;
    }

    public static String describe(int bits) {
        if (bits == 0) {
            return "any type";
        }
        StringJoiner joiner = new StringJoiner("|");
        for (int i = 0; i < NAMES.length; i++) {
            if ((bits & (1 << i)) != 0) {
                joiner.add(NAMES[i]);
            }
        }
        return joiner.toString();
    }

    private static boolean isWhole(JsonNode number) {
        double d = number.doubleValue();
        return !Double.isInfinite(d) && d == Math.rint(d);
    }
}
