package dev.alknet.flowgraph.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;

/** Traversals of a part of a directed graph, costing what that part costs rather than the whole graph. */
public final class Walks {

    private Walks() {
    }

    /** Everything reachable from {@code start} along edge direction, {@code start} excluded, breadth first. */
    public static <V, E> Set<V> descendants(Graph<V, E> graph, V start) {
        return reach(graph, start, true);
    }

    /** Everything that reaches {@code start}, {@code start} excluded, breadth first. */
    public static <V, E> Set<V> ancestors(Graph<V, E> graph, V start) {
        return reach(graph, start, false);
    }

    private static <V, E> Set<V> reach(Graph<V, E> graph, V start, boolean forward) {
        Set<V> seen = new LinkedHashSet<>();
        Deque<V> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            V vertex = queue.poll();
            for (V next : forward ? Graphs.successorListOf(graph, vertex) : Graphs.predecessorListOf(graph, vertex)) {
                if (!next.equals(start) && seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        return seen;
    }

    /** The weakly connected set around {@code start}, {@code start} included. */
    public static <V, E> Set<V> component(Graph<V, E> graph, V start) {
        Set<V> seen = new LinkedHashSet<>();
        Deque<V> queue = new ArrayDeque<>();
        seen.add(start);
        queue.add(start);
        while (!queue.isEmpty()) {
            for (V next : Graphs.neighborListOf(graph, queue.poll())) {
                if (seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        return seen;
    }

    /**
     * {@code vertices} ordered so that every edge between two of them goes forward (Kahn's algorithm on the
     * induced subgraph; the graph must be acyclic). Ties keep the order of {@code vertices}.
     */
    public static <V, E> List<V> topologicalOrder(Graph<V, E> graph, Collection<V> vertices) {
        Map<V, Integer> inside = new HashMap<>();
        for (V vertex : vertices) {
            inside.put(vertex, 0);
        }
        for (V vertex : vertices) {
            for (V next : Graphs.successorListOf(graph, vertex)) {
                inside.computeIfPresent(next, (v, degree) -> degree + 1);
            }
        }
        Deque<V> ready = new ArrayDeque<>();
        for (V vertex : vertices) {
            if (inside.get(vertex) == 0) {
                ready.add(vertex);
            }
        }
        List<V> order = new ArrayList<>(vertices.size());
        while (!ready.isEmpty()) {
            V vertex = ready.poll();
            order.add(vertex);
            for (V next : Graphs.successorListOf(graph, vertex)) {
                Integer degree = inside.computeIfPresent(next, (v, d) -> d - 1);
                if (degree != null && degree == 0) {
                    ready.add(next);
                }
            }
        }
        return order;
    }
}
