package dev.alknet.flowgraph;

import dev.alknet.flowgraph.internal.Cycles;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.traverse.TopologicalOrderIterator;
import tools.jackson.databind.JsonNode;

/**
 * The static graph of which operation's output can feed which operation's input (alknet-spec §2.12): an edge
 * source→target for every ordered pair whose schemas are {@link Compatibility.Compatible compatible} or
 * {@link Compatibility.Incompatible incompatible} (a near miss, with the reason); unrelated and unknown pairs get
 * no edge, nor does an operation with itself.
 *
 * <p>Compatible edges often form cycles (two operations that both take and return a {@code {"path"}} object), so
 * building never fails on one; {@link #findCycle()} reports it and {@link #topologicalOrder()} refuses it. Immutable
 * once built, so safe to share between threads.
 */
public final class OperationGraph {

    private static final Comparator<OperationEdge> EDGE_ORDER = Comparator.comparing(OperationEdge::source)
            .thenComparing(OperationEdge::target);

    private final Map<String, OperationNode> nodes;
    /** Compatible edges only: the data flow that cycles and the topological order are about. */
    private final Graph<String, OperationEdge> compatible;
    /**
     * Incompatible edges by source. They are diagnostics, often far more numerous than compatible ones, and no
     * graph algorithm runs on them, so they stay out of JGraphT (which would cost several times the checks).
     */
    private final Map<String, List<OperationEdge>> nearMisses;

    private OperationGraph(Map<String, OperationNode> nodes, Graph<String, OperationEdge> compatible,
            Map<String, List<OperationEdge>> nearMisses) {
        this.nodes = nodes;
        this.compatible = compatible;
        this.nearMisses = nearMisses;
    }

    /**
     * Builds the graph from specs in their JSON shape (see {@link OperationNode#fromJson}).
     *
     * @throws IllegalArgumentException naming the spec (by position and name) that is malformed or repeated
     */
    public static OperationGraph fromJson(Iterable<? extends JsonNode> specs) {
        List<OperationNode> nodes = new ArrayList<>();
        int index = 0;
        for (JsonNode spec : specs) {
            try {
                nodes.add(OperationNode.fromJson(spec));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("spec #" + index + ": " + e.getMessage(), e);
            }
            index++;
        }
        return of(nodes);
    }

    /** @throws IllegalArgumentException when two operations share a name */
    public static OperationGraph of(Collection<OperationNode> operations) {
        Map<String, OperationNode> nodes = new TreeMap<>();
        for (OperationNode node : operations) {
            if (nodes.putIfAbsent(node.name(), node) != null) {
                throw new IllegalArgumentException("operation " + node.name() + " is specified twice");
            }
        }
        Graph<String, OperationEdge> graph = new DefaultDirectedGraph<>(null, null, false);
        nodes.keySet().forEach(graph::addVertex);
        Map<String, List<OperationEdge>> nearMisses = new HashMap<>();
        SchemaCompatibility schemas = new SchemaCompatibility();
        for (OperationNode source : nodes.values()) {
            for (OperationNode target : nodes.values()) {
                if (source == target) {
                    continue;
                }
                Compatibility fit = schemas.check(source.outputSchema(), target.inputSchema());
                if (fit instanceof Compatibility.Compatible) {
                    graph.addEdge(source.name(), target.name(),
                            new OperationEdge(source.name(), target.name(), true, null));
                } else if (fit instanceof Compatibility.Incompatible incompatible) {
                    nearMisses.computeIfAbsent(source.name(), k -> new ArrayList<>())
                            .add(new OperationEdge(source.name(), target.name(), false, incompatible.reason()));
                }
            }
        }
        return new OperationGraph(Collections.unmodifiableMap(new LinkedHashMap<>(nodes)), graph, nearMisses);
    }

    /** Operations by name, sorted. */
    public List<OperationNode> nodes() {
        return List.copyOf(nodes.values());
    }

    public Optional<OperationNode> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    /** Every edge, compatible or not, sorted by source then target. */
    public List<OperationEdge> edges() {
        return Stream.concat(compatible.edgeSet().stream(), nearMisses.values().stream().flatMap(List::stream))
                .sorted(EDGE_ORDER).toList();
    }

    public Optional<OperationEdge> edge(String source, String target) {
        if (!nodes.containsKey(source) || !nodes.containsKey(target)) {
            return Optional.empty();
        }
        OperationEdge edge = compatible.getEdge(source, target);
        if (edge != null) {
            return Optional.of(edge);
        }
        return nearMisses.getOrDefault(source, List.of()).stream().filter(e -> e.target().equals(target)).findFirst();
    }

    /** Operations whose input the output of {@code name} fits, sorted. */
    public List<String> feeds(String name) {
        return compatible.outgoingEdgesOf(known(name)).stream().map(OperationEdge::target).sorted().toList();
    }

    /** Operations whose output fits the input of {@code name}, sorted. */
    public List<String> fedBy(String name) {
        return compatible.incomingEdgesOf(known(name)).stream().map(OperationEdge::source).sorted().toList();
    }

    /** A cycle of compatible edges as a path ({@code [a, b, a]}), or empty when they form a DAG. */
    public Optional<List<String>> findCycle() {
        return Cycles.find(nodes.keySet(), v -> compatible.outgoingEdgesOf(v).stream()
                .map(OperationEdge::target).sorted().toList());
    }

    /**
     * Operations ordered so that every compatible edge goes forward.
     *
     * @throws CycleException with the path of a cycle when there is one
     */
    public List<String> topologicalOrder() {
        findCycle().ifPresent(path -> {
            throw new CycleException("the operation graph is not a DAG", path);
        });
        List<String> order = new ArrayList<>(nodes.size());
        new TopologicalOrderIterator<>(compatible, Comparator.<String>naturalOrder()).forEachRemaining(order::add);
        return order;
    }

    private String known(String name) {
        if (!nodes.containsKey(name)) {
            throw new NoSuchElementException("no operation " + name);
        }
        return name;
    }
}
