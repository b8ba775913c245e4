package dev.alknet.flowgraph.internal;

import dev.alknet.flowgraph.CallEdge;
import org.jgrapht.graph.AbstractBaseGraph;
import org.jgrapht.graph.DefaultGraphSpecificsStrategy;
import org.jgrapht.graph.DefaultGraphType;

/**
 * The call graph's JGraphT graph: directed, no self-loops, and without JGraphT's vertex-pair index (the "fast
 * lookup" default), which costs a map entry and a pair object per edge. Without the index, refusing parallel edges
 * would mean scanning the source's edges on every insert, so the type allows them: CallGraph already guarantees
 * there are none (a triggered edge always points at a new call; a depends_on edge is checked before it is added),
 * and adding a child costs the same however many siblings it has.
 */
public final class CallDigraph extends AbstractBaseGraph<String, CallEdge> {

    public CallDigraph() {
        super(null, null, new DefaultGraphType.Builder().directed().allowMultipleEdges(true).allowSelfLoops(false)
                .allowCycles(true).weighted(false).build(), new DefaultGraphSpecificsStrategy<>());
    }
}
