package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.host.StorageOpsFixture.Caller;
import dev.alknet.storage.Streams;
import dev.alknet.testkit.JsonValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Arbitrary inputs to the storage operations over one session each for an owner and an admin: every call ends in an output or a clear error (never a
 * handler crash, never SQL in a message), the session keeps answering, and a graph the inputs cannot name keeps its
 * data. Arbitrary attributes are either stored exactly or refused with a pointer into the input and nothing written.
 */
class StorageOpsProperties {

    /** Every query and mutation; deleting graphs is left out so the target graph stays for the whole run. */
    private static final List<String> OPS = List.of("createGraphType", "createNodeType", "createEdgeType",
            "getGraphType", "listGraphTypes", "createGraph", "getGraph", "listGraphs", "setGraphStatus", "grantGraph",
            "revokeGraph", "addNode", "getNode", "updateNode", "deleteNode", "queryNodes", "addEdge", "getEdge",
            "deleteEdge", "queryEdges");
    private static final List<String> FIELDS = List.of("graph_id", "graph_type_id", "type", "key", "attributes",
            "source", "target", "limit", "after", "status", "identity_id", "action", "name", "schema", "id", "kind",
            "sources", "owner_id", "bogus");
    private static final AtomicLong KEYS = new AtomicLong();

    private static Path dir;
    private static StorageOpsFixture fixture;
    private static Caller alice;
    private static Caller admin;
    private static String typeId;
    private static String targetGraph;
    private static String keptGraph;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("storage-ops-properties");
        fixture = new StorageOpsFixture(dir);
        typeId = fixture.peopleType();
        alice = fixture.alice();
        admin = fixture.admin();
        targetGraph = graph("target");
        keptGraph = graph("kept");
        alice.call("addNode", "{\"graph_id\": \"" + keptGraph + "\", \"type\": \"person\", \"key\": \"keep\", "
                + "\"attributes\": {\"name\": \"Keep\", \"tags\": [\"x\"]}}");
    }

    private static String graph(String name) {
        return alice.call("createGraph", "{\"graph_type_id\": \"" + typeId + "\", \"name\": \"" + name + "\"}")
                .get("id").stringValue();
    }

    @AfterContainer
    static void close() throws Exception {
        fixture.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    // Edge cases mixed in, not first: alone they filled all 400 tries.
    @Property(tries = 400, edgeCases = EdgeCasesMode.MIXIN)
    void anyInputGetsAnOutputOrAClearErrorAndTheSessionGoesOn(@ForAll("ops") String op,
            @ForAll("inputs") JsonNode input, @ForAll boolean asAdmin) {
        Caller caller = asAdmin ? admin : alice;
        Statistics.coverage(c -> {
            c.check("answered").count(n -> n > 0);
            c.check(ErrorCode.VALIDATION_ERROR.name()).count(n -> n > 0);
        });
        try {
            assertThat(caller.call(op, input)).isNotNull();
            Statistics.collect("answered");
        } catch (CallException e) {
            assertClear(e);
            Statistics.collect(e.code().name());
        }
        JsonNode kept = alice.call("getNode", "{\"graph_id\": \"" + keptGraph + "\", \"key\": \"keep\"}");
        assertThat(kept.get("attributes")).isEqualTo(JsonText.parse("kept", "{\"name\": \"Keep\", \"tags\": [\"x\"]}"));
    }

    @Property(tries = 300)
    void attributesAreStoredExactlyOrRefusedWithAPointerAndNothingWritten(@ForAll("attributes") JsonNode attributes) {
        String key = "n" + KEYS.incrementAndGet();
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("graph_id", keptGraph).put("type", "person")
                .put("key", key);
        input.set("attributes", attributes);
        Statistics.coverage(c -> {
            c.check("stored").count(n -> n > 0);
            c.check("refused").count(n -> n > 0);
        });
        long head = fixture.storage.streams().read(Streams.graph(keptGraph), 0, 1000).size();
        try {
            alice.call("addNode", input);
            JsonNode stored = alice.call("getNode", "{\"graph_id\": \"" + keptGraph + "\", \"key\": \"" + key + "\"}")
                    .get("attributes");
            // By value: a long that fits comes back as an int node.
            assertThat(JsonValues.same(stored, attributes)).as("%s stored as %s", attributes, stored).isTrue();
            Statistics.collect("stored");
        } catch (CallException e) {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.VALIDATION_ERROR);
            assertThat(e.getMessage()).contains("attributes");
            // Schema failures list their pointers in the input; storage's own value rules (no U+0000, ...) name the
            // pointer inside the attributes in the message.
            if (e.details().has("errors")) {
                assertThat(e.getMessage()).contains("'/attributes");
                assertThat(e.details().get("errors").get(0).get("pointer").stringValue()).startsWith("/attributes");
            }
            assertThat(alice.fails("getNode", "{\"graph_id\": \"" + keptGraph + "\", \"key\": \"" + key + "\"}")
                    .details().get("storage_error").stringValue()).isEqualTo("not_found");
            assertThat(fixture.storage.streams().read(Streams.graph(keptGraph), 0, 1000)).hasSize(
                    (int) head);
            Statistics.collect("refused");
        }
    }

    /** A handler crash would be an EXECUTION_ERROR without a storage kind; SQL would name the database. */
    private static void assertClear(CallException e) {
        assertThat(e.getMessage()).isNotBlank().doesNotContainIgnoringCase("sqlite")
                .doesNotContainIgnoringCase("select ").doesNotContainIgnoringCase("insert ")
                .doesNotContain("Exception").doesNotContain("\tat ");
        switch (e.code()) {
            case VALIDATION_ERROR, ACCESS_DENIED -> { }
            case EXECUTION_ERROR -> assertThat(e.details() != null && e.details().has("storage_error"))
                    .as("a storage outcome, not a crash: %s", e.getMessage()).isTrue();
            default -> throw new AssertionError("unexpected " + e.code() + ": " + e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> ops() {
        return Arbitraries.of(OPS);
    }

    @Provide
    Arbitrary<JsonNode> inputs() {
        Arbitrary<JsonNode> fields = Arbitraries.maps(Arbitraries.of(FIELDS), values(2)).ofMaxSize(7).map(map -> {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            map.forEach(node::set);
            return node;
        });
        // Random fields almost never make a whole valid input (a run answered 0-3 calls of 400), so some inputs are
        // ones that several operations answer: the coverage of "answered" must not hang on luck.
        JsonNodeFactory json = JsonNodeFactory.instance;
        Arbitrary<JsonNode> wellFormed = Arbitraries.of(json.objectNode(),
                json.objectNode().put("graph_id", targetGraph));
        return Arbitraries.frequencyOf(
                Tuple.of(8, fields),
                Tuple.of(5, wellFormed),
                Tuple.of(1, values(1)));
    }

    @Provide
    Arbitrary<JsonNode> attributes() {
        Arbitrary<JsonNode> tags = Arbitraries.frequencyOf(
                Tuple.of(3, strings().map(s -> (JsonNode) JsonNodeFactory.instance.stringNode(s))),
                Tuple.of(1, scalars()))
                .list().ofMaxSize(3).map(list -> {
                    ArrayNode array = JsonNodeFactory.instance.arrayNode();
                    list.forEach(array::add);
                    return array;
                });
        Arbitrary<JsonNode> fieldValues = Arbitraries.oneOf(scalars(), tags);
        return Arbitraries.maps(Arbitraries.of("name", "age", "tags", "other"), fieldValues).ofMaxSize(4).map(map -> {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            map.forEach(node::set);
            return node;
        });
    }

    /** JSON values nested up to {@code depth}, with strings that are sometimes the ids and names the graphs use. */
    private static Arbitrary<JsonNode> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Arbitrary<JsonNode> inner = values(depth - 1);
        Arbitrary<JsonNode> arrays = inner.list().ofMaxSize(3).map(list -> {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            list.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> objects = Arbitraries.maps(Arbitraries.of(FIELDS), inner).ofMaxSize(3).map(map -> {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            map.forEach(node::set);
            return node;
        });
        return Arbitraries.frequencyOf(Tuple.of(6, scalars()), Tuple.of(1, arrays),
                Tuple.of(2, objects));
    }

    private static Arbitrary<JsonNode> scalars() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return Arbitraries.oneOf(
                strings().map(json::stringNode),
                Arbitraries.longs().map(json::numberNode),
                Arbitraries.of(-1, 0, 1, 1000, 1001).map(json::numberNode),
                Arbitraries.doubles().map(json::numberNode),
                Arbitraries.of(true, false).map(json::booleanNode),
                Arbitraries.just(json.nullNode()));
    }

    /**
     * Real ids and names (never the kept graph's id, which no input may name), and strings storage must refuse: empty,
     * too long, control characters, padding.
     */
    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.of(targetGraph, typeId, "person", "knows", "people", "read", "write",
                        "archived", "active", "draft", "directed", "keep", StorageOpsFixture.BOB_ID, "a", "b"),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(3),
                Arbitraries.strings().alpha().ofLength(300),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5).map(s -> " " + s + " "));
    }
}
