package dev.alknet.storage;

import static dev.alknet.storage.MetagraphContract.assertKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** Keyset paging of nodes and edges ({@link NodeQuery}, {@link EdgeQuery}), identical on every dialect. */
abstract class PagingContract {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StorageService storage;
    private Metagraph mg;
    private Graph graph;

    abstract StorageBackend backend();

    @BeforeEach
    void open() {
        storage = StorageService.open(backend().freshDatabase());
        mg = storage.metagraph();
        GraphType type = mg.createGraphType("mixed", null, new GraphRules(GraphKind.MIXED, true, true),
                TypeScope.USER);
        mg.createNodeType(type.id(), "person", null, "{}");
        mg.createNodeType(type.id(), "place", null, "{}");
        mg.createEdgeType(type.id(), "knows", null, NODES.objectNode(), List.of(), List.of());
        mg.createEdgeType(type.id(), "visits", null, NODES.objectNode(), List.of(), List.of());
        graph = mg.createGraph(type.id(), "g", null, null, null);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void nodesComeInCodePointOrderPageByPage() {
        // U+1F600 sorts after U+FFFD by code point, before it by UTF-16 unit (0xD83D < 0xFFFD).
        List<String> keys = List.of("\uD83D\uDE00", "b", "\uFFFD", "Z", "a", "\u00E9", "a b");
        for (String key : keys) {
            mg.addNode(graph.id(), new NewNode(key.equals("Z") ? "place" : "person", key, NODES.objectNode()));
        }

        Page<Node> first = mg.nodes(graph.id(), NodeQuery.first(3));
        assertThat(first.items()).extracting(Node::key).containsExactly("Z", "a", "a b");
        assertThat(first.next()).isEqualTo("a b");
        assertThat(PageWalk.all(after -> mg.nodes(graph.id(), NodeQuery.first(3).after(after)), 3))
                .extracting(Node::key).containsExactly("Z", "a", "a b", "b", "\u00E9", "\uFFFD", "\uD83D\uDE00");
        assertThat(PageWalk.all(after -> mg.nodes(graph.id(), NodeQuery.first(2).ofType("place").after(after)), 2))
                .extracting(Node::key).containsExactly("Z");
    }

    @Test
    void theLastPageHasNoCursorEvenWhenItIsFull() {
        for (String key : List.of("a", "b", "c", "d")) {
            mg.addNode(graph.id(), new NewNode("person", key, NODES.objectNode()));
        }

        Page<Node> second = mg.nodes(graph.id(), NodeQuery.first(2).after("b"));

        assertThat(second.items()).extracting(Node::key).containsExactly("c", "d");
        assertThat(second.next()).isNull();
        assertThat(mg.nodes(graph.id(), NodeQuery.first(2).after("bb")).items()).extracting(Node::key)
                .as("a cursor need not be a key that still exists").containsExactly("c", "d");
        assertThat(mg.nodes("no-such-graph", NodeQuery.first(5))).isEqualTo(new Page<Node>(List.of(), null));
    }

    @Test
    void edgesFilterByTypeAndEndpointsAndUndirectedEdgesMatchBothWays() {
        for (String key : List.of("a", "b", "c")) {
            mg.addNode(graph.id(), new NewNode("person", key, NODES.objectNode()));
        }
        Edge ab = mg.addEdge(graph.id(), NewEdge.of("knows", "a", "b", NODES.objectNode()));
        Edge bc = mg.addEdge(graph.id(), NewEdge.of("visits", "b", "c", NODES.objectNode()));
        Edge ca = mg.addEdge(graph.id(), new NewEdge("knows", null, "c", "a", NODES.objectNode(), true));

        assertThat(edges(EdgeQuery.first(1))).containsExactlyElementsOf(sortedIds(ab, bc, ca));
        assertThat(edges(EdgeQuery.first(2).ofType("knows"))).containsExactlyElementsOf(sortedIds(ab, ca));
        assertThat(edges(EdgeQuery.first(2).from("a"))).containsExactlyElementsOf(sortedIds(ab, ca));
        assertThat(edges(EdgeQuery.first(2).to("a"))).containsExactly(ca.id());
        assertThat(edges(EdgeQuery.first(2).to("c"))).containsExactlyElementsOf(sortedIds(bc, ca));
        assertThat(edges(EdgeQuery.first(2).from("a").to("c"))).containsExactly(ca.id());
        assertThat(edges(EdgeQuery.first(2).from("c").to("a"))).containsExactly(ca.id());
        assertThat(edges(EdgeQuery.first(2).from("c").to("b"))).isEmpty();
        assertThat(edges(EdgeQuery.first(2).to("b").ofType("knows"))).containsExactly(ab.id());
        assertThat(edges(EdgeQuery.first(2).from("b").ofType("knows"))).as("a->b is directed").isEmpty();
    }

    @Test
    void aQueryThatCannotMatchAKeyIsInvalidAndNamesItsField() {
        assertKind(() -> mg.nodes(graph.id(), NodeQuery.first(5).after(" a")), StorageException.Kind.INVALID)
                .hasMessageStartingWith("after ");
        assertKind(() -> mg.edges(graph.id(), EdgeQuery.first(5).after("\u0001")), StorageException.Kind.INVALID)
                .hasMessageStartingWith("after ");
        assertKind(() -> mg.edges(graph.id(), EdgeQuery.first(5).after("")), StorageException.Kind.INVALID)
                .hasMessageStartingWith("after ");
        assertKind(() -> mg.nodes(graph.id(), NodeQuery.first(5).ofType("\uD800")), StorageException.Kind.INVALID)
                .hasMessageStartingWith("type ");
        assertKind(() -> mg.edges(graph.id(), EdgeQuery.first(5).from("x".repeat(256))),
                StorageException.Kind.INVALID).hasMessageStartingWith("source ");
        assertKind(() -> mg.edges(graph.id(), EdgeQuery.first(5).to("a\n")), StorageException.Kind.INVALID)
                .hasMessageStartingWith("target ");
        assertKind(() -> NodeQuery.first(0), StorageException.Kind.INVALID).hasMessage("limit must be 1 to 10000, got 0");
        assertKind(() -> EdgeQuery.first(Page.MAX_LIMIT + 1), StorageException.Kind.INVALID)
                .hasMessageContaining("limit must be 1 to 10000");
    }

    private List<String> edges(EdgeQuery query) {
        return PageWalk.all(after -> mg.edges(graph.id(), query.after(after)), query.limit()).stream()
                .map(Edge::id).toList();
    }

    private static List<String> sortedIds(Edge... edges) {
        return Arrays.stream(edges).map(Edge::id).sorted(PageWalk.BY_CODE_POINT).toList();
    }
}
