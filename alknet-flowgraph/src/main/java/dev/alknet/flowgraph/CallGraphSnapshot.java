package dev.alknet.flowgraph;

import java.util.List;

/** The calls and edges of a {@link CallGraph} taken under one lock (for exports): calls by id, edges sorted. */
public record CallGraphSnapshot(List<CallNode> calls, List<CallEdge> edges) {

    public CallGraphSnapshot {
        calls = List.copyOf(calls);
        edges = List.copyOf(edges);
    }
}
