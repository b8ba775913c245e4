package dev.alknet.storage.internal;

import dev.alknet.storage.Edge;
import dev.alknet.storage.GraphRules;
import dev.alknet.storage.Node;
import dev.alknet.storage.StorageException;
import java.util.List;

/** The graph rules an edge must satisfy before it is written. */
final class EdgeRules {

    private EdgeRules() {
    }

    /**
     * @param parallels existing edges of the same type between the same two nodes, in either direction
     * @throws StorageException INVALID naming the broken rule
     */
    static void check(GraphRules rules, String label, List<String> allowedSources, List<String> allowedTargets,
            Node source, Node target, boolean undirected, List<Edge> parallels) {
        if (source.key().equals(target.key()) && !rules.allowSelfLoops()) {
            throw invalid(label + ": self-loops are not allowed in this graph type");
        }
        boolean fits = fits(allowedSources, source.type()) && fits(allowedTargets, target.type())
                || undirected && fits(allowedSources, target.type()) && fits(allowedTargets, source.type());
        if (!fits) {
            throw invalid(label + ": the edge type joins " + names(allowedSources) + " to " + names(allowedTargets)
                    + ", but '" + source.key() + "' is a " + source.type() + " and '" + target.key() + "' a "
                    + target.type());
        }
        if (!rules.multi()) {
            for (Edge existing : parallels) {
                boolean sameDirection = existing.sourceKey().equals(source.key());
                if (sameDirection || undirected || existing.undirected()) {
                    throw invalid(label + ": the graph type allows no parallel edges and edge " + existing.id()
                            + " of the same type already joins these nodes");
                }
            }
        }
    }

    private static boolean fits(List<String> allowed, String type) {
        return allowed.isEmpty() || allowed.contains(type);
    }

    private static String names(List<String> allowed) {
        return allowed.isEmpty() ? "any node type" : String.join("|", allowed);
    }

    private static StorageException invalid(String message) {
        return new StorageException(StorageException.Kind.INVALID, message);
    }
}
