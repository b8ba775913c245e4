package dev.alknet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Paging through any graph with any page size yields exactly its full ordered list — no duplicate, no gap — and,
 * with inserts between pages, every key that lands ahead of the cursor shows up once while none behind it does.
 */
abstract class PagingPropertiesContract {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Pieces of keys from both sides of the places where code point and UTF-16 order disagree. */
    private static final List<String> PIECES = List.of("a", "b", "Z", "0", "-", "\u00E9", "\u4E2D", "\uFFFD",
            "\uD83D\uDE00", "\uD800\uDC00");

    private final AtomicInteger graphs = new AtomicInteger();
    private StorageService storage;
    private Metagraph mg;
    private GraphType type;

    abstract StorageBackend backend();

    @BeforeProperty
    void open() {
        storage = StorageService.open(backend().freshDatabase());
        mg = storage.metagraph();
        type = mg.createGraphType("mixed", null, new GraphRules(GraphKind.MIXED, true, true), TypeScope.USER);
        mg.createNodeType(type.id(), "even", null, "{}");
        mg.createNodeType(type.id(), "odd", null, "{}");
        mg.createEdgeType(type.id(), "link", null, NODES.objectNode(), List.of(), List.of());
    }

    @AfterProperty
    void close() {
        storage.close();
    }

    @Property(tries = 40)
    void nodePagesJoinUpToTheWholeOrderedList(@ForAll("keys") Set<String> keys,
            @ForAll @IntRange(min = 1, max = 6) int limit) {
        Graph graph = newGraph();
        List<String> added = new ArrayList<>(keys);
        for (int i = 0; i < added.size(); i++) {
            mg.addNode(graph.id(), new NewNode(i % 2 == 0 ? "even" : "odd", added.get(i), NODES.objectNode()));
        }

        List<String> all = PageWalk.all(after -> mg.nodes(graph.id(), NodeQuery.first(limit).after(after)), limit)
                .stream().map(Node::key).toList();
        List<String> odd = PageWalk.all(after -> mg.nodes(graph.id(), NodeQuery.first(limit).ofType("odd")
                .after(after)), limit).stream().map(Node::key).toList();

        assertThat(all).containsExactlyElementsOf(added.stream().sorted(PageWalk.BY_CODE_POINT).toList());
        assertThat(odd).containsExactlyElementsOf(mg.nodes(graph.id(), "odd").stream().map(Node::key)
                .sorted(PageWalk.BY_CODE_POINT).toList());
    }

    @Property(tries = 40)
    void edgePagesJoinUpToTheWholeOrderedList(@ForAll @Size(max = 25) List<@IntRange(max = 3) Integer> ends,
            @ForAll @IntRange(min = 1, max = 6) int limit) {
        Graph graph = newGraph();
        for (String key : List.of("n0", "n1", "n2", "n3")) {
            mg.addNode(graph.id(), new NewNode("even", key, NODES.objectNode()));
        }
        List<Edge> added = new ArrayList<>();
        for (int i = 0; i + 1 < ends.size(); i += 2) {
            added.add(mg.addEdge(graph.id(), new NewEdge("link", null, "n" + ends.get(i), "n" + ends.get(i + 1),
                    NODES.objectNode(), i % 4 == 0)));
        }

        List<String> all = PageWalk.all(after -> mg.edges(graph.id(), EdgeQuery.first(limit).after(after)), limit)
                .stream().map(Edge::id).toList();
        List<String> fromN1 = PageWalk.all(after -> mg.edges(graph.id(), EdgeQuery.first(limit).from("n1")
                .after(after)), limit).stream().map(Edge::id).toList();

        assertThat(all).containsExactlyElementsOf(added.stream().map(Edge::id).sorted(PageWalk.BY_CODE_POINT)
                .toList());
        assertThat(fromN1).containsExactlyElementsOf(added.stream()
                .filter(e -> e.sourceKey().equals("n1") || e.undirected() && e.targetKey().equals("n1"))
                .map(Edge::id).sorted(PageWalk.BY_CODE_POINT).toList());
    }

    @Property(tries = 40)
    void insertsBetweenPagesShowUpOnceWhenAheadOfTheCursor(@ForAll("keys") Set<String> initial,
            @ForAll @Size(max = 6) List<@Size(max = 3) List<@From("key") String>> insertBatches,
            @ForAll @IntRange(min = 1, max = 4) int limit) {
        Graph graph = newGraph();
        for (String key : initial) {
            mg.addNode(graph.id(), new NewNode("even", key, NODES.objectNode()));
        }
        TreeSet<String> present = new TreeSet<>(PageWalk.BY_CODE_POINT);
        present.addAll(initial);
        Set<String> expected = new HashSet<>(initial);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int batch = 0;
        do {
            Page<Node> page = mg.nodes(graph.id(), NodeQuery.first(limit).after(cursor));
            page.items().forEach(node -> seen.add(node.key()));
            cursor = page.next();
            if (cursor != null && batch < insertBatches.size()) {
                for (String key : insertBatches.get(batch++)) {
                    if (present.add(key)) {
                        mg.addNode(graph.id(), new NewNode("odd", key, NODES.objectNode()));
                        if (PageWalk.BY_CODE_POINT.compare(key, cursor) > 0) {
                            expected.add(key);
                        }
                    }
                }
            }
        } while (cursor != null);

        assertThat(seen).doesNotHaveDuplicates().isSortedAccordingTo(PageWalk.BY_CODE_POINT)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private Graph newGraph() {
        return mg.createGraph(type.id(), "g" + graphs.incrementAndGet(), null, null, null);
    }

    @Provide
    Arbitrary<Set<String>> keys() {
        return key().set().ofMaxSize(20);
    }

    @Provide
    Arbitrary<String> key() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(4).map(pieces -> String.join("", pieces));
    }
}
