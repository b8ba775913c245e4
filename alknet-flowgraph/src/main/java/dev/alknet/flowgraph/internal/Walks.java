package dev.alknet.flowgraph.internal;

import dev.alknet.flowgraph.CallEdge;
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

/**
 * Traversals of a part of the call graph, costing what that part costs rather than the whole graph. Edges carry
 * their own ends, so a step reads the edge instead of asking the graph for its source or target.
 */
public final class Walks {

    private Walks() {
    }

    /** Everything reachable from {@code start} along edge direction, {@code start} excluded, breadth first. */
    public static Set<String> descendants(Graph<String, CallEdge> graph, String start) {
        return reach(graph, start, true);
    }

    /** Everything that reaches {@code start}, {@code start} excluded, breadth first. */
    public static Set<String> ancestors(Graph<String, CallEdge> graph, String start) {
        return reach(graph, start, false);
    }

    private static Set<String> reach(Graph<String, CallEdge> graph, String start, boolean forward) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            String vertex = queue.poll();
            for (CallEdge edge : forward ? graph.outgoingEdgesOf(vertex) : graph.incomingEdgesOf(vertex)) {
                String next = forward ? edge.target() : edge.source();
                if (!next.equals(start) && seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        return seen;
    }

    /**
     * {@code start} and everything downstream of it, ordered so that every edge between two of them goes forward.
     * When no call below {@code start} has more than one edge in (the usual tree of triggered calls), breadth-first
     * order already is such an order and the general sort is skipped.
     */
    public static List<String> downstreamInOrder(Graph<String, CallEdge> graph, String start) {
        List<String> scope = new ArrayList<>();
        scope.add(start);
        boolean tree = true;
        for (String vertex : descendants(graph, start)) {
            scope.add(vertex);
            tree &= graph.inDegreeOf(vertex) == 1;
        }
        return tree ? scope : topologicalOrder(graph, scope);
    }

    /**
     * {@code vertices} ordered so that every edge between two of them goes forward (Kahn's algorithm on the
     * induced subgraph; the graph is acyclic). Ties keep the order of {@code vertices}.
     */
    public static List<String> topologicalOrder(Graph<String, CallEdge> graph, Collection<String> vertices) {
        Map<String, int[]> inDegree = new HashMap<>(vertices.size() * 2);
        for (String vertex : vertices) {
            inDegree.put(vertex, new int[1]);
        }
        for (String vertex : vertices) {
            for (CallEdge edge : graph.outgoingEdgesOf(vertex)) {
                int[] degree = inDegree.get(edge.target());
                if (degree != null) {
                    degree[0]++;
                }
            }
        }
        Deque<String> ready = new ArrayDeque<>();
        for (String vertex : vertices) {
            if (inDegree.get(vertex)[0] == 0) {
                ready.add(vertex);
            }
        }
        List<String> order = new ArrayList<>(vertices.size());
        while (!ready.isEmpty()) {
            String vertex = ready.poll();
            order.add(vertex);
            for (CallEdge edge : graph.outgoingEdgesOf(vertex)) {
                int[] degree = inDegree.get(edge.target());
                if (degree != null && --degree[0] == 0) {
                    ready.add(edge.target());
                }
            }
        }
        return order;
    }
}
