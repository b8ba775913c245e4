package dev.alknet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.testkit.JsonValues;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Malformed and hostile input at the metagraph's entry points: keys, attribute JSON, schema JSON and attribute
 * values. Each try either stores exactly what was given or is rejected with an INVALID {@link StorageException}
 * that says why, and then nothing was written.
 */
abstract class MetagraphInputContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final AtomicInteger counter = new AtomicInteger();
    StorageService storage;
    Metagraph mg;
    GraphType type;
    Graph graph;

    abstract StorageBackend backend();

    @BeforeProperty
    void open() {
        storage = StorageService.open(backend().freshDatabase());
        mg = storage.metagraph();
        type = mg.createGraphType("free", null, GraphRules.strictDirected(), TypeScope.USER);
        mg.createNodeType(type.id(), "any", null, "{\"type\": \"object\"}");
        graph = mg.createGraph(type.id(), "g", null, null, null);
    }

    @AfterProperty
    void close() {
        storage.close();
    }

    @Property(tries = 150)
    void keysAreStoredExactlyOrRejected(@ForAll @StringLength(max = 300) String key) {
        bothOutcomesSeen();
        int before = mg.nodes(graph.id()).size();
        try {
            Node added = mg.addNode(graph.id(), new NewNode("any", key, NODES.objectNode()));
            assertThat(mg.node(graph.id(), key)).contains(added);
            assertThat(mg.nodes(graph.id())).hasSize(before + 1);
            stored();
        } catch (StorageException e) {
            assertRejected(e, "node key");
            assertThat(mg.nodes(graph.id())).hasSize(before);
        }
    }

    @Property(tries = 150)
    void attributeJsonIsStoredAsParsedOrRejected(@ForAll("jsonText") String text) {
        bothOutcomesSeen();
        String key = "k" + counter.incrementAndGet();
        try {
            Node added = mg.addNode(graph.id(), "any", key, text);
            assertThat(JsonValues.same(mg.node(graph.id(), key).orElseThrow().attributes(), JSON.readTree(text)))
                    .as(text).isTrue();
            assertThat(added.key()).isEqualTo(key);
            stored();
        } catch (StorageException e) {
            assertRejected(e, "attributes");
            assertThat(mg.node(graph.id(), key)).isEmpty();
        }
    }

    @Property(tries = 150)
    void schemaJsonIsCompiledOrRejected(@ForAll("schemaText") String text) {
        bothOutcomesSeen();
        String name = "t" + counter.incrementAndGet();
        try {
            NodeType created = mg.createNodeType(type.id(), name, null, text);
            assertThat(mg.nodeTypes(type.id())).contains(created);
            try {
                mg.addNode(graph.id(), new NewNode(name, name, NODES.objectNode()));
            } catch (AttributeValidationException e) {
                assertThat(e.violations()).isNotEmpty();
            }
            stored();
        } catch (StorageException e) {
            assertRejected(e, "schema");
            assertThat(mg.nodeTypes(type.id())).extracting(NodeType::name).doesNotContain(name);
        }
    }

    @Property(tries = 150)
    void attributeValuesRoundTripOrAreRejectedWithAPointer(@ForAll("objects") ObjectNode attributes) {
        bothOutcomesSeen();
        String key = "v" + counter.incrementAndGet();
        try {
            mg.addNode(graph.id(), new NewNode("any", key, attributes));
            assertThat(JsonValues.same(mg.node(graph.id(), key).orElseThrow().attributes(), attributes))
                    .as(attributes.toString()).isTrue();
            stored();
        } catch (StorageException e) {
            assertRejected(e, "cannot be stored");
            assertThat(e.getMessage()).containsPattern("at '(/[^']*)*'");
            assertThat(mg.node(graph.id(), key)).isEmpty();
        }
    }

    private static void stored() {
        Statistics.collect("stored");
    }

    private static void assertRejected(StorageException e, String mentions) {
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(StorageException.Kind.INVALID);
        assertThat(e.getMessage()).contains(mentions);
        Statistics.collect("rejected");
    }

    /** Every property must have exercised both outcomes, or its generator is not doing its job. */
    private static void bothOutcomesSeen() {
        Statistics.coverage(c -> {
            c.check("stored").count(n -> n > 0);
            c.check("rejected").count(n -> n > 0);
        });
    }

    @Provide
    Arbitrary<String> jsonText() {
        Arbitrary<String> valid = objects().map(JsonNode::toString);
        return Arbitraries.oneOf(valid, valid.flatMap(MetagraphInputContract::mutated),
                Arbitraries.strings().ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> schemaText() {
        Arbitrary<String> schemas = Arbitraries.of(
                "{\"type\": \"object\"}", "{\"type\": 5}", "{\"required\": \"x\"}", "{\"minLength\": -1}",
                "{\"properties\": {\"a\": {\"type\": \"string\", \"maxLength\": 3}}, \"required\": [\"a\"]}",
                "{\"$ref\": \"https://example.invalid/remote\"}", "{\"$ref\": \"#/$defs/missing\"}",
                "{\"pattern\": \"[\"}", "true", "false", "{\"enum\": []}", "{\"allOf\": {}}");
        return Arbitraries.oneOf(schemas, schemas.flatMap(MetagraphInputContract::mutated),
                objects().map(JsonNode::toString), Arbitraries.strings().ofMaxLength(30));
    }

    /** {@code text} with one character dropped, replaced or inserted. */
    private static Arbitrary<String> mutated(String text) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, Math.max(0, text.length() - 1));
        Arbitrary<Character> c = Arbitraries.oneOf(Arbitraries.of('{', '}', '"', ',', ':', '[', ']', '\\', '\u0000'),
                Arbitraries.chars());
        return Arbitraries.oneOf(
                at.map(i -> text.isEmpty() ? text : text.substring(0, i) + text.substring(i + 1)),
                at.flatMap(i -> c.map(ch -> text.isEmpty() ? String.valueOf(ch)
                        : text.substring(0, i) + ch + text.substring(i + 1))),
                at.flatMap(i -> c.map(ch -> text.substring(0, i) + ch + text.substring(i))));
    }

    @Provide
    Arbitrary<ObjectNode> objects() {
        return objectOf(3);
    }

    private static Arbitrary<ObjectNode> objectOf(int depth) {
        return Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), value(depth - 1)).ofMaxSize(4).map(m -> {
            ObjectNode o = NODES.objectNode();
            m.forEach(o::set);
            return o;
        });
    }

    private static Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(10).map(NODES::stringNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(30).negate(),
                        java.math.BigInteger.TEN.pow(30)).map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        if (depth <= 0) {
            return leaf;
        }
        Arbitrary<JsonNode> array = value(depth - 1).list().ofMaxSize(3).map(List::copyOf).map(items -> {
            ArrayNode a = NODES.arrayNode();
            items.forEach(a::add);
            return a;
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, leaf),
                net.jqwik.api.Tuple.of(1, array),
                net.jqwik.api.Tuple.of(1, objectOf(depth - 1).map(o -> (JsonNode) o)));
    }
}
