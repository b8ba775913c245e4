package dev.alknet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The metagraph's behaviour, identical on every dialect; a subclass per dialect runs it. */
abstract class MetagraphContract {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String PRINCIPAL_SCHEMA = """
            {"type": "object",
             "properties": {"identity_type": {"enum": ["account", "org", "service", "role"]},
                            "scopes": {"type": "array", "items": {"type": "string"}}},
             "required": ["identity_type"]}""";
    static final String RESOURCE_SCHEMA = """
            {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}""";
    static final String GRANT_SCHEMA = """
            {"type": "object", "properties": {"since": {"type": "integer"}}, "additionalProperties": false}""";

    StorageService storage;
    Metagraph mg;
    GraphType acl;
    Graph graph;

    abstract StorageBackend backend();

    @BeforeEach
    void open() {
        storage = StorageService.open(backend().freshDatabase());
        mg = storage.metagraph();
        acl = mg.createGraphType("acl", "access control", GraphRules.strictDirected(), TypeScope.SYSTEM);
        mg.createNodeType(acl.id(), "principal", null, PRINCIPAL_SCHEMA);
        mg.createNodeType(acl.id(), "resource", null, RESOURCE_SCHEMA);
        mg.createEdgeType(acl.id(), "can_read", null, json(GRANT_SCHEMA), List.of("principal"), List.of("resource"));
        mg.createEdgeType(acl.id(), "can_write", null, json(GRANT_SCHEMA), List.of("principal"), List.of("resource"));
        graph = mg.createGraph(acl.id(), "main", null, "owner-1", "project-1");
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void graphTypesKeepTheirRulesAndNamesAreUnique() {
        GraphType mixed = mg.createGraphType("flows", "d", new GraphRules(GraphKind.MIXED, true, true), 3,
                TypeScope.TENANT);
        assertThat(mg.graphType(mixed.id())).contains(mixed);
        assertThat(mg.graphTypeByName("flows")).contains(mixed);
        assertThat(mixed.rules()).isEqualTo(new GraphRules(GraphKind.MIXED, true, true));
        assertThat(mixed.version()).isEqualTo(3);
        assertThat(mixed.scope()).isEqualTo(TypeScope.TENANT);
        assertKind(() -> mg.createGraphType("acl", null, GraphRules.strictDirected(), TypeScope.USER),
                StorageException.Kind.ALREADY_EXISTS).hasMessageContaining("'acl' already exists");
        assertThat(mg.graphTypes()).extracting(GraphType::name).containsExactly("acl", "flows");
    }

    @Test
    void typesAreListedAndNodeTypeNamesAreUniquePerGraphType() {
        assertThat(mg.nodeTypes(acl.id())).extracting(NodeType::name).containsExactly("principal", "resource");
        assertThat(mg.edgeTypes(acl.id())).extracting(EdgeType::name).containsExactly("can_read", "can_write");
        assertThat(mg.edgeTypes(acl.id()).get(0).allowedSourceTypes()).containsExactly("principal");
        assertThat(mg.nodeTypes(acl.id()).get(1).schema()).isEqualTo(json(RESOURCE_SCHEMA));
        assertKind(() -> mg.createNodeType(acl.id(), "principal", null, "{}"), StorageException.Kind.ALREADY_EXISTS);
        GraphType other = mg.createGraphType("other", null, GraphRules.strictDirected(), TypeScope.USER);
        assertThat(mg.createNodeType(other.id(), "principal", null, "{}").graphTypeId()).isEqualTo(other.id());
    }

    @Test
    void anInvalidSchemaIsRejectedWithWhereAndNothingIsWritten() {
        assertKind(() -> mg.createNodeType(acl.id(), "bad", null, "{\"type\": 5}"), StorageException.Kind.INVALID)
                .hasMessageContaining("not a valid JSON Schema at '/type'");
        assertKind(() -> mg.createNodeType(acl.id(), "bad", null, "{\"type\": "), StorageException.Kind.INVALID)
                .hasMessageContaining("not valid JSON");
        assertKind(() -> mg.createNodeType(acl.id(), "bad", null, "[1]"), StorageException.Kind.INVALID)
                .hasMessageContaining("must be a JSON object");
        assertThat(mg.nodeTypes(acl.id())).extracting(NodeType::name).doesNotContain("bad");
    }

    @Test
    void edgeTypesMayOnlyAllowExistingNodeTypes() {
        assertKind(() -> mg.createEdgeType(acl.id(), "owns", null, json("{}"), List.of("principal"),
                List.of("ghost")), StorageException.Kind.INVALID).hasMessageContaining("'ghost'");
        assertThat(mg.edgeTypes(acl.id())).hasSize(2);
    }

    @Test
    void typesNeedAnExistingGraphType() {
        assertKind(() -> mg.createNodeType("nope", "x", null, "{}"), StorageException.Kind.NOT_FOUND);
        assertKind(() -> mg.createGraph("nope", "g", null, null, null), StorageException.Kind.NOT_FOUND);
    }

    @Test
    void graphsStartAsDraftsAndRecordOwnerAndProject() {
        assertThat(graph.status()).isEqualTo(GraphStatus.DRAFT);
        assertThat(mg.graph(graph.id())).contains(graph);
        assertThat(graph.ownerId()).isEqualTo("owner-1");
        assertThat(graph.projectId()).isEqualTo("project-1");
        assertThat(mg.graphsOwnedBy("owner-1")).containsExactly(graph);
        assertThat(mg.setStatus(graph.id(), GraphStatus.ACTIVE).status()).isEqualTo(GraphStatus.ACTIVE);
    }

    @Test
    void nodesRoundTripTheirAttributes() {
        JsonNode attrs = json("{\"identity_type\": \"account\", \"scopes\": [\"relay:connect\", \"ü → ✓\"],"
                + " \"extra\": {\"n\": 12345678901234, \"f\": 0.25, \"t\": true, \"z\": null}}");
        Node alice = mg.addNode(graph.id(), new NewNode("principal", "alice", attrs));
        assertThat(alice.attributes()).isEqualTo(attrs);
        assertThat(mg.node(graph.id(), "alice")).hasValueSatisfying(n -> {
            assertThat(n.attributes()).isEqualTo(attrs);
            assertThat(n.type()).isEqualTo("principal");
            assertThat(n.id()).isEqualTo(alice.id());
        });
        mg.addNode(graph.id(), "resource", "gitea", "{\"name\": \"gitea\"}");
        assertThat(mg.nodes(graph.id())).extracting(Node::key).containsExactly("alice", "gitea");
        assertThat(mg.nodes(graph.id(), "resource")).extracting(Node::key).containsExactly("gitea");
    }

    @Test
    void invalidAttributesNameTheFailingPointerAndWriteNothing() {
        assertThatThrownBy(() -> mg.addNode(graph.id(), new NewNode("principal", "alice",
                json("{\"identity_type\": \"account\", \"scopes\": [\"ok\", 7]}"))))
                .isInstanceOfSatisfying(AttributeValidationException.class, e -> {
                    assertThat(e.pointer()).isEqualTo("/scopes/1");
                    assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID);
                    assertThat(e.getMessage()).contains("'/scopes/1'").contains("principal");
                });
        assertThatThrownBy(() -> mg.addNode(graph.id(), new NewNode("principal", "alice", json("{}"))))
                .isInstanceOfSatisfying(AttributeValidationException.class,
                        e -> assertThat(e.violations().get(0).keyword()).isEqualTo("required"));
        assertThat(mg.nodes(graph.id())).isEmpty();
    }

    @Test
    void aNumberTheSchemaValidatorCannotConvertIsRejectedNotThrownThrough() {
        GraphType counted = mg.createGraphType("counted", null, GraphRules.strictDirected(), TypeScope.USER);
        mg.createNodeType(counted.id(), "count", null, "{\"properties\": {\"n\": {\"type\": \"integer\", "
                + "\"minimum\": 0}}}");
        Graph g = mg.createGraph(counted.id(), "g", null, null, null);

        assertKind(() -> mg.addNode(g.id(), "count", "c", "{\"n\": -1.7e308}"), StorageException.Kind.INVALID)
                .hasMessageContaining("cannot be checked against its schema");
        assertThat(mg.nodes(g.id())).isEmpty();
    }

    @Test
    void attributesMustBeAnObjectOfStorableJson() {
        assertKind(() -> mg.addNode(graph.id(), new NewNode("resource", "r", json("[1]"))),
                StorageException.Kind.INVALID).hasMessageContaining("must be a JSON object");
        assertKind(() -> mg.addNode(graph.id(), "resource", "r", "{\"name\": \"a\", \"name\": \"b\"}"),
                StorageException.Kind.INVALID).hasMessageContaining("not valid JSON").hasMessageContaining("name");
        assertKind(() -> mg.addNode(graph.id(), "resource", "r", "{\"name\": \"a\\u0000b\"}"),
                StorageException.Kind.INVALID).hasMessageContaining("'/name'").hasMessageContaining("U+0000");
        assertThat(mg.nodes(graph.id())).isEmpty();
    }

    @Test
    void nodeKeysAreUniquePerGraph() {
        mg.addNode(graph.id(), resource("r1"));
        assertKind(() -> mg.addNode(graph.id(), resource("r1")), StorageException.Kind.ALREADY_EXISTS)
                .hasMessageContaining("'r1' already exists");
        Graph second = mg.createGraph(acl.id(), "second", null, null, null);
        assertThat(mg.addNode(second.id(), resource("r1")).graphId()).isEqualTo(second.id());
    }

    @Test
    void aBatchIsWrittenWholeOrNotAtAll() {
        List<NewNode> batch = List.of(resource("a"), resource("b"), new NewNode("resource", "c", json("{}")));
        assertThatThrownBy(() -> mg.addNodes(graph.id(), batch)).isInstanceOf(AttributeValidationException.class);
        assertKind(() -> mg.addNodes(graph.id(), List.of(resource("a"), resource("a"))),
                StorageException.Kind.ALREADY_EXISTS);
        assertThat(mg.nodes(graph.id())).isEmpty();
        assertThat(mg.addNodes(graph.id(), batch.subList(0, 2))).extracting(Node::key).containsExactly("a", "b");
    }

    @Test
    void largeBatchesAreCheckedAcrossQueryChunksAndPublishedInOrder() {
        List<NewNode> batch = java.util.stream.IntStream.range(0, 1200).mapToObj(i -> resource("r" + i)).toList();
        assertThat(mg.addNodes(graph.id(), batch)).hasSize(1200);
        List<NewNode> overlapping = List.of(resource("new-1"), resource("r1100"), resource("new-2"));
        assertKind(() -> mg.addNodes(graph.id(), overlapping), StorageException.Kind.ALREADY_EXISTS)
                .hasMessageContaining("'r1100'");
        assertThat(mg.node(graph.id(), "new-1")).isEmpty();
        List<StreamEvent> events = storage.streams().read(Streams.graph(graph.id()), 0, 1000);
        assertThat(events).hasSize(1000);
        assertThat(events.get(999).position()).isEqualTo(1000);
        assertThat(events.get(999).payload().path("key").asString()).isEqualTo("r999");
        assertThat(storage.streams().read(Streams.graph(graph.id()), 1000, 1000)).hasSize(200);
    }

    /** A batch's events are stored in groups; reads start, stop and resume anywhere inside one. */
    @Test
    void readsOfABatchsEventsStartAndStopAnywhere() {
        List<NewNode> batch = java.util.stream.IntStream.range(0, 700).mapToObj(i -> resource("n" + i)).toList();
        mg.addNodes(graph.id(), batch);
        String stream = Streams.graph(graph.id());
        storage.streams().publish(stream, "note", json("{\"after\": true}"));
        for (long after : new long[] {0, 1, 255, 256, 257, 300, 511, 699}) {
            for (int limit : new int[] {1, 3, 256, 1000}) {
                List<StreamEvent> read = storage.streams().read(stream, after, limit);
                assertThat(read).hasSize((int) Math.min(limit, 701 - after));
                for (int i = 0; i < read.size(); i++) {
                    long position = after + 1 + i;
                    assertThat(read.get(i).position()).isEqualTo(position);
                    if (position <= 700) {
                        assertThat(read.get(i).type()).isEqualTo("node.created");
                        assertThat(read.get(i).payload().path("key").asString()).isEqualTo("n" + (position - 1));
                    } else {
                        assertThat(read.get(i).type()).isEqualTo("note");
                    }
                }
            }
        }
    }

    @Test
    void unknownTypesAndGraphsAreRejected() {
        assertKind(() -> mg.addNode(graph.id(), new NewNode("ghost", "x", json("{}"))), StorageException.Kind.INVALID)
                .hasMessageContaining("node type 'ghost'");
        assertKind(() -> mg.addNode("no-graph", resource("x")), StorageException.Kind.NOT_FOUND);
        mg.addNode(graph.id(), principal("p"));
        mg.addNode(graph.id(), resource("r"));
        assertKind(() -> mg.addEdge(graph.id(), NewEdge.of("owns", "p", "r", json("{}"))),
                StorageException.Kind.INVALID).hasMessageContaining("edge type 'owns'");
        assertKind(() -> mg.addEdge(graph.id(), NewEdge.of("can_read", "p", "missing", json("{}"))),
                StorageException.Kind.NOT_FOUND).hasMessageContaining("'missing' does not exist");
    }

    @Test
    void edgeEndpointsMustHaveTheAllowedTypes() {
        mg.addNode(graph.id(), principal("p"));
        mg.addNode(graph.id(), resource("r"));
        assertKind(() -> mg.addEdge(graph.id(), NewEdge.of("can_read", "r", "p", json("{}"))),
                StorageException.Kind.INVALID).hasMessageContaining("joins principal to resource");
        Edge e = mg.addEdge(graph.id(), NewEdge.of("can_read", "p", "r", json("{\"since\": 3}")).withKey("e1"));
        assertThat(e.undirected()).isFalse();
        assertThat(mg.edge(graph.id(), "e1")).contains(e);
    }

    @Test
    void edgeAttributesAreValidated() {
        mg.addNode(graph.id(), principal("p"));
        mg.addNode(graph.id(), resource("r"));
        assertThatThrownBy(() -> mg.addEdge(graph.id(), NewEdge.of("can_read", "p", "r", json("{\"since\": \"x\"}"))))
                .isInstanceOfSatisfying(AttributeValidationException.class,
                        ex -> assertThat(ex.pointer()).isEqualTo("/since"));
        Edge e = mg.addEdge(graph.id(), NewEdge.of("can_read", "p", "r", json("{}")));
        assertThatThrownBy(() -> mg.updateEdge(graph.id(), e.id(), json("{\"other\": 1}")))
                .isInstanceOf(AttributeValidationException.class);
        assertThat(mg.updateEdge(graph.id(), e.id(), json("{\"since\": 9}")).attributes())
                .isEqualTo(json("{\"since\": 9}"));
        assertThat(mg.edges(graph.id())).singleElement().satisfies(
                stored -> assertThat(stored.attributes()).isEqualTo(json("{\"since\": 9}")));
    }

    @Test
    void anEdgeBatchIsCheckedEdgeByEdgeAndWrittenWholeOrNotAtAll() {
        mg.addNodes(graph.id(), List.of(principal("p"), resource("r"), resource("s")));
        List<NewEdge> parallelInBatch = List.of(NewEdge.of("can_read", "p", "s", json("{}")),
                NewEdge.of("can_read", "p", "r", json("{}")), NewEdge.of("can_read", "p", "r", json("{}")));
        assertKind(() -> mg.addEdges(graph.id(), parallelInBatch), StorageException.Kind.INVALID)
                .hasMessageContaining("no parallel edges");
        assertThat(mg.edges(graph.id())).isEmpty();
        assertThat(mg.addEdges(graph.id(), parallelInBatch.subList(0, 2))).extracting(Edge::targetKey)
                .containsExactly("s", "r");
        assertThat(mg.edges(graph.id())).hasSize(2);
    }

    @Test
    void selfLoopsFollowTheGraphType() {
        mg.addNode(graph.id(), principal("p"));
        GraphType loose = mg.createGraphType("loose", null, new GraphRules(GraphKind.DIRECTED, false, true),
                TypeScope.USER);
        mg.createNodeType(loose.id(), "n", null, "{}");
        mg.createEdgeType(loose.id(), "e", null, json("{}"), List.of(), List.of());
        mg.createEdgeType(acl.id(), "delegates", null, json("{}"), List.of("principal"), List.of("principal"));
        assertKind(() -> mg.addEdge(graph.id(), NewEdge.of("delegates", "p", "p", json("{}"))),
                StorageException.Kind.INVALID).hasMessageContaining("self-loops are not allowed");
        Graph g = mg.createGraph(loose.id(), "g", null, null, null);
        mg.addNode(g.id(), new NewNode("n", "a", json("{}")));
        assertThat(mg.addEdge(g.id(), NewEdge.of("e", "a", "a", json("{}"))).sourceKey()).isEqualTo("a");
    }

    @Test
    void parallelEdgesOfOneTypeAreRejectedUnlessMulti() {
        mg.addNode(graph.id(), principal("p"));
        mg.addNode(graph.id(), resource("r"));
        mg.addEdge(graph.id(), NewEdge.of("can_read", "p", "r", json("{}")));
        assertKind(() -> mg.addEdge(graph.id(), NewEdge.of("can_read", "p", "r", json("{}"))),
                StorageException.Kind.INVALID).hasMessageContaining("no parallel edges");
        mg.addEdge(graph.id(), NewEdge.of("can_write", "p", "r", json("{}")));
        assertThat(mg.edgesOf(graph.id(), "p")).extracting(Edge::type).containsExactlyInAnyOrder("can_read",
                "can_write");

        Graph multi = graphOf(new GraphRules(GraphKind.DIRECTED, true, false));
        mg.addEdge(multi.id(), NewEdge.of("e", "a", "b", json("{}")));
        mg.addEdge(multi.id(), NewEdge.of("e", "a", "b", json("{}")));
        assertThat(mg.edges(multi.id())).hasSize(2);
    }

    @Test
    void directionDecidesWhatIsParallel() {
        Graph directed = graphOf(new GraphRules(GraphKind.DIRECTED, false, false));
        mg.addEdge(directed.id(), NewEdge.of("e", "a", "b", json("{}")));
        mg.addEdge(directed.id(), NewEdge.of("e", "b", "a", json("{}")));
        assertKind(() -> mg.addEdge(directed.id(), NewEdge.of("e", "a", "c", json("{}")).asUndirected()),
                StorageException.Kind.INVALID).hasMessageContaining("directed");

        Graph undirected = graphOf(new GraphRules(GraphKind.UNDIRECTED, false, false));
        assertThat(mg.addEdge(undirected.id(), NewEdge.of("e", "a", "b", json("{}"))).undirected()).isTrue();
        assertKind(() -> mg.addEdge(undirected.id(), NewEdge.of("e", "b", "a", json("{}"))),
                StorageException.Kind.INVALID).hasMessageContaining("no parallel edges");

        Graph mixed = graphOf(new GraphRules(GraphKind.MIXED, false, false));
        mg.addEdge(mixed.id(), NewEdge.of("e", "a", "b", json("{}")));
        mg.addEdge(mixed.id(), NewEdge.of("e", "b", "a", json("{}")));
        assertThat(mg.addEdge(mixed.id(), NewEdge.of("e", "b", "c", json("{}")).asUndirected()).undirected())
                .isTrue();
        assertKind(() -> mg.addEdge(mixed.id(), NewEdge.of("e", "c", "b", json("{}"))),
                StorageException.Kind.INVALID).hasMessageContaining("no parallel edges");
    }

    @Test
    void undirectedEdgesMayJoinAllowedTypesInEitherOrder() {
        GraphType t = mg.createGraphType("u", null, new GraphRules(GraphKind.UNDIRECTED, false, false),
                TypeScope.USER);
        mg.createNodeType(t.id(), "person", null, "{}");
        mg.createNodeType(t.id(), "team", null, "{}");
        mg.createEdgeType(t.id(), "member", null, json("{}"), List.of("person"), List.of("team"));
        Graph g = mg.createGraph(t.id(), "g", null, null, null);
        mg.addNodes(g.id(), List.of(new NewNode("person", "ann", json("{}")), new NewNode("team", "ops", json("{}")),
                new NewNode("person", "bob", json("{}"))));
        assertThat(mg.addEdge(g.id(), NewEdge.of("member", "ops", "ann", json("{}"))).targetKey()).isEqualTo("ann");
        assertKind(() -> mg.addEdge(g.id(), NewEdge.of("member", "ann", "bob", json("{}"))),
                StorageException.Kind.INVALID).hasMessageContaining("joins person to team");
    }

    @Test
    void deletingANodeDeletesItsEdges() {
        mg.addNode(graph.id(), principal("p"));
        mg.addNode(graph.id(), resource("r"));
        mg.addNode(graph.id(), resource("s"));
        mg.addEdge(graph.id(), NewEdge.of("can_read", "p", "r", json("{}")));
        Edge keep = mg.addEdge(graph.id(), NewEdge.of("can_read", "p", "s", json("{}")));
        assertThat(mg.deleteNode(graph.id(), "r")).isTrue();
        assertThat(mg.deleteNode(graph.id(), "r")).isFalse();
        assertThat(mg.edges(graph.id())).containsExactly(keep);
        assertThat(mg.deleteEdge(graph.id(), keep.id())).isTrue();
        assertThat(mg.edges(graph.id())).isEmpty();
    }

    @Test
    void deletingAGraphDeletesEverythingInIt() {
        mg.addNode(graph.id(), principal("p"));
        mg.addNode(graph.id(), resource("r"));
        mg.addEdge(graph.id(), NewEdge.of("can_read", "p", "r", json("{}")));
        assertThat(mg.deleteGraph(graph.id())).isTrue();
        assertThat(mg.graph(graph.id())).isEmpty();
        assertThat(mg.nodes(graph.id())).isEmpty();
        assertThat(mg.edges(graph.id())).isEmpty();
    }

    @Test
    void archivedGraphsAreReadOnly() {
        mg.addNode(graph.id(), resource("r"));
        mg.setStatus(graph.id(), GraphStatus.ARCHIVED);
        assertKind(() -> mg.addNode(graph.id(), resource("s")), StorageException.Kind.INVALID)
                .hasMessageContaining("archived");
        assertKind(() -> mg.deleteNode(graph.id(), "r"), StorageException.Kind.INVALID);
        assertThat(mg.nodes(graph.id())).hasSize(1);
        mg.setStatus(graph.id(), GraphStatus.ACTIVE);
        assertThat(mg.addNode(graph.id(), resource("s")).key()).isEqualTo("s");
    }

    @Test
    void aRejectedUpdateKeepsTheOldAttributes() {
        mg.addNode(graph.id(), resource("r"));
        assertThatThrownBy(() -> mg.updateNode(graph.id(), "r", json("{\"name\": 5}")))
                .isInstanceOf(AttributeValidationException.class);
        assertThat(mg.node(graph.id(), "r").orElseThrow().attributes()).isEqualTo(json("{\"name\": \"r\"}"));
        assertThat(mg.updateNode(graph.id(), "r", json("{\"name\": \"new\"}")).attributes())
                .isEqualTo(json("{\"name\": \"new\"}"));
        assertKind(() -> mg.updateNode(graph.id(), "nope", json("{\"name\": \"x\"}")), StorageException.Kind.NOT_FOUND);
    }

    @Test
    void concurrentWritersCannotBreakTheParallelEdgeRule() throws Exception {
        mg.addNode(graph.id(), principal("p"));
        mg.addNode(graph.id(), resource("r"));
        int threads = 6;
        List<Boolean> added = TestThreads.run(threads, thread -> {
            try {
                mg.addEdge(graph.id(), NewEdge.of("can_read", "p", "r", json("{}")));
                return true;
            } catch (StorageException e) {
                assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID);
                return false;
            }
        });
        assertThat(added).containsOnlyOnce(true);
        assertThat(mg.edges(graph.id())).hasSize(1);
    }

    /** A graph of a fresh type with node type {@code n}, edge type {@code e} and nodes a, b, c. */
    private Graph graphOf(GraphRules rules) {
        GraphType t = mg.createGraphType("t-" + rules.kind() + rules.multi(), null, rules, TypeScope.USER);
        mg.createNodeType(t.id(), "n", null, "{}");
        mg.createEdgeType(t.id(), "e", null, json("{}"), List.of(), List.of());
        Graph g = mg.createGraph(t.id(), "g", null, null, null);
        for (String k : List.of("a", "b", "c")) {
            mg.addNode(g.id(), new NewNode("n", k, json("{}")));
        }
        return g;
    }

    static NewNode principal(String key) {
        return new NewNode("principal", key, json("{\"identity_type\": \"account\"}"));
    }

    static NewNode resource(String key) {
        return new NewNode("resource", key, json("{\"name\": \"" + key + "\"}"));
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertKind(Runnable call, StorageException.Kind kind) {
        return assertThatThrownBy(call::run).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind));
    }
}
