package dev.alknet.storage;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A kind of edge in a graph type: attributes valid against {@code schema}, endpoints restricted to the listed node
 * types (an empty list allows any node type).
 */
public record EdgeType(String id, String graphTypeId, String name, String description, JsonNode schema,
        List<String> allowedSourceTypes, List<String> allowedTargetTypes, Instant createdAt, Instant updatedAt) {

    public EdgeType {
        allowedSourceTypes = List.copyOf(allowedSourceTypes);
        allowedTargetTypes = List.copyOf(allowedTargetTypes);
    }
}
