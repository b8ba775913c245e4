package dev.alknet.flowgraph.internal;

import dev.alknet.flowgraph.Compatibility;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Decides whether every value an output shape allows is accepted by an input shape. A definite conflict anywhere
 * wins over an unknown part elsewhere: it proves the pair incompatible whatever the unknown part says.
 */
public final class ShapeComparison {

    private String mismatch;
    private String unknown;

    private ShapeComparison() {
    }

    public static Compatibility compare(Shape output, Shape input) {
        if (output.unknown() != null) {
            return new Compatibility.Unknown("output schema: " + output.unknown());
        }
        if (input.unknown() != null) {
            return new Compatibility.Unknown("input schema: " + input.unknown());
        }
        if (output.anything()) {
            return new Compatibility.Unknown("the output schema declares nothing");
        }
        if (input.anything()) {
            return new Compatibility.Unknown("the input schema declares nothing");
        }
        String unrelated = unrelated(output, input);
        if (unrelated != null) {
            return new Compatibility.Unrelated(unrelated);
        }
        ShapeComparison comparison = new ShapeComparison();
        comparison.fits(output, input, "");
        if (comparison.mismatch != null) {
            return new Compatibility.Incompatible(comparison.mismatch);
        }
        if (comparison.unknown != null) {
            return new Compatibility.Unknown(comparison.unknown);
        }
        return new Compatibility.Compatible();
    }

    private static String unrelated(Shape output, Shape input) {
        if (output.types() != 0 && input.types() != 0
                && (JsonType.accepted(output.types()) & JsonType.accepted(input.types())) == 0) {
            return "output is " + JsonType.describe(output.types()) + ", input takes "
                    + JsonType.describe(input.types());
        }
        if (!output.properties().isEmpty() && !input.properties().isEmpty()) {
            for (String name : output.properties().keySet()) {
                if (input.properties().containsKey(name)) {
                    return null;
                }
            }
            return "output and input objects have no property in common";
        }
        return null;
    }

    private void fits(Shape output, Shape input, String path) {
        if (mismatch != null) {
            return;
        }
        if (input.unknown() != null) {
            unknown(path, "input schema: " + input.unknown());
            return;
        }
        if (output.unknown() != null) {
            unknown(path, "output schema: " + output.unknown());
            return;
        }
        if (input.anything() || output == Shape.NONE) {
            return;
        }
        if (output.anything()) {
            mismatch(path, "output may be any value, input requires " + JsonType.describe(input.types()));
            return;
        }
        if (!types(output, input, path) || !values(output, input, path)) {
            return;
        }
        bounds(output, input, path);
        others(output, input, path);
        if (output.mayBe(JsonType.OBJECT) && input.mayBe(JsonType.OBJECT)) {
            objects(output, input, path);
        }
        if (input.items() != null && output.mayBe(JsonType.ARRAY)) {
            fits(output.items() == null ? Shape.ANYTHING : output.items(), input.items(), path + "[]");
        }
    }

    private boolean types(Shape output, Shape input, String path) {
        if (input.types() == 0) {
            return true;
        }
        if (output.types() == 0) {
            mismatch(path, "output may be any type, input requires " + JsonType.describe(input.types()));
            return false;
        }
        int uncovered = output.types() & ~JsonType.accepted(input.types());
        if (uncovered != 0) {
            mismatch(path, "output is " + JsonType.describe(output.types()) + ", input requires "
                    + JsonType.describe(input.types()));
            return false;
        }
        return true;
    }

    private boolean values(Shape output, Shape input, String path) {
        if (input.values() == null) {
            return true;
        }
        if (output.values() == null) {
            mismatch(path, "input accepts only " + list(input.values()) + ", output may be any "
                    + JsonType.describe(output.types()));
            return false;
        }
        for (JsonNode value : output.values()) {
            if (!input.values().contains(value)) {
                mismatch(path, "output value " + value + " is not among the input's " + list(input.values()));
                return false;
            }
        }
        return true;
    }

    private void bounds(Shape output, Shape input, String path) {
        for (Map.Entry<String, JsonNode> entry : input.bounds().entrySet()) {
            Bound bound = Bound.KEYWORDS.get(entry.getKey());
            if (!output.mayBe(bound.appliesTo())) {
                continue;
            }
            JsonNode theirs = output.bounds().get(entry.getKey());
            int order = theirs == null ? 0 : theirs.decimalValue().compareTo(entry.getValue().decimalValue());
            if (theirs == null || (bound.lower() ? order < 0 : order > 0)) {
                mismatch(path, "input requires " + entry.getKey() + " " + entry.getValue() + ", output "
                        + (theirs == null ? "does not guarantee it" : "declares " + theirs));
                return;
            }
        }
    }

    private void others(Shape output, Shape input, String path) {
        for (Map.Entry<String, JsonNode> entry : input.others().entrySet()) {
            if (!entry.getValue().equals(output.others().get(entry.getKey()))) {
                unknown(path, "the input keyword '" + entry.getKey()
                        + "' is only compared with the same keyword and value in the output");
            }
        }
    }

    private void objects(Shape output, Shape input, String path) {
        for (String name : input.required()) {
            if (!output.required().contains(name)) {
                mismatch(path, "input requires property '" + name + "', output "
                        + (output.properties().containsKey(name) ? "declares it optional" : "does not declare it"));
                return;
            }
        }
        for (Map.Entry<String, Shape> entry : input.properties().entrySet()) {
            Shape produced = output.properties().get(entry.getKey());
            if (produced == null) {
                // Outputs are read as closed: an undeclared property is absent unless the output opens
                // additionalProperties explicitly (docs/flowgraph.md, "outputs are closed").
                produced = output.additional();
            }
            if (produced != null) {
                fits(produced, entry.getValue(), child(path, entry.getKey()));
            }
        }
        for (Map.Entry<String, Shape> entry : output.properties().entrySet()) {
            if (!input.properties().containsKey(entry.getKey()) && input.additional() != null) {
                if (input.additional() == Shape.NONE) {
                    mismatch(path, "output property '" + entry.getKey()
                            + "' is not allowed by the input (additionalProperties: false)");
                    return;
                }
                fits(entry.getValue(), input.additional(), child(path, entry.getKey()));
            }
        }
        if (output.additional() != null && output.additional() != Shape.NONE && input.additional() != null) {
            if (input.additional() == Shape.NONE) {
                mismatch(path, "output allows additional properties, input does not");
            } else {
                fits(output.additional(), input.additional(), child(path, "*"));
            }
        }
    }

    private static String list(List<JsonNode> values) {
        return values.stream().map(JsonNode::toString).collect(Collectors.joining(",", "[", "]"));
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private void mismatch(String path, String reason) {
        if (mismatch == null) {
            mismatch = at(path) + reason;
        }
    }

    private void unknown(String path, String reason) {
        if (unknown == null) {
            unknown = at(path) + reason;
        }
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : "at '" + path + "': ";
    }
}
