package dev.alknet.storage;

import java.util.Objects;

/**
 * The rules every graph of a type obeys (the graph type's {@code config}).
 *
 * @param kind directed, undirected or mixed
 * @param multi whether two edges of the same edge type may join the same two nodes (in the same direction, or in
 *     either direction when one of them is undirected); edges of different types never count as parallel
 * @param allowSelfLoops whether an edge may join a node to itself
 */
public record GraphRules(GraphKind kind, boolean multi, boolean allowSelfLoops) {

    public GraphRules {
        Objects.requireNonNull(kind, "kind");
    }

    /** Directed, no parallel edges, no self-loops: the rules of the ACL graph. */
    public static GraphRules strictDirected() {
        return new GraphRules(GraphKind.DIRECTED, false, false);
    }
}
