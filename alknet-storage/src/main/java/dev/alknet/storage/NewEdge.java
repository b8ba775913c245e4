package dev.alknet.storage;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * An edge to add.
 *
 * @param key unique in the graph, or {@code null} for an anonymous edge
 * @param undirected only meaningful in mixed graphs: undirected graphs make every edge undirected, directed graphs
 *     refuse undirected edges
 */
public record NewEdge(String type, String key, String sourceKey, String targetKey, JsonNode attributes,
        boolean undirected) {

    public NewEdge {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sourceKey, "sourceKey");
        Objects.requireNonNull(targetKey, "targetKey");
        Objects.requireNonNull(attributes, "attributes");
    }

    /** An anonymous directed edge. */
    public static NewEdge of(String type, String sourceKey, String targetKey, JsonNode attributes) {
        return new NewEdge(type, null, sourceKey, targetKey, attributes, false);
    }

    public NewEdge withKey(String edgeKey) {
        return new NewEdge(type, edgeKey, sourceKey, targetKey, attributes, undirected);
    }

    public NewEdge asUndirected() {
        return new NewEdge(type, key, sourceKey, targetKey, attributes, true);
    }
}
