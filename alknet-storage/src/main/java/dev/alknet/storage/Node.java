package dev.alknet.storage;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A node of a graph: {@code key} is unique in its graph, {@code type} names its {@link NodeType}. */
public record Node(String id, String graphId, String key, String type, JsonNode attributes, Instant createdAt,
        Instant updatedAt) {
}
