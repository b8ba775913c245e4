package dev.alknet.core.frame;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Generators of envelopes whose payloads survive a JSON round trip as equal trees: numbers in the node type the
 * parser picks back (ints as IntNode, longs only beyond the int range, finite doubles), and strings over all of
 * UTF-16 including lone surrogates (Jackson writes those as escapes).
 */
final class EnvelopeArbitraries {

    private EnvelopeArbitraries() {
    }

    static Arbitrary<EventEnvelope> envelopes() {
        Arbitrary<String> types = Arbitraries.oneOf(
                Arbitraries.of("call.requested", "call.responded", "call.completed", "call.aborted", "call.error"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(24));
        Arbitrary<String> ids = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.strings().ofMaxLength(40));
        return Combinators.combine(types, ids, json(3)).as(EventEnvelope::new);
    }

    static Arbitrary<JsonNode> json(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.just(NullNode.getInstance()),
                Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE),
                Arbitraries.integers().map(IntNode::valueOf),
                Arbitraries.longs().filter(v -> v != v.intValue()).map(LongNode::valueOf),
                Arbitraries.doubles().filter(Double::isFinite).map(DoubleNode::valueOf),
                Arbitraries.strings().ofMaxLength(30).map(StringNode::valueOf));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> smaller = Arbitraries.lazy(() -> json(depth - 1));
        Arbitrary<JsonNode> arrays = smaller.list().ofMaxSize(4).map(items -> {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            items.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> objects = Arbitraries.maps(Arbitraries.strings().ofMaxLength(12), smaller).ofMaxSize(4)
                .map(fields -> {
                    ObjectNode object = JsonNodeFactory.instance.objectNode();
                    object.setAll(fields);
                    return object;
                });
        return Arbitraries.frequencyOf(Tuple.of(4, leaf), Tuple.of(1, arrays), Tuple.of(1, objects));
    }
}
