package dev.alknet.storage;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A kind of node in a graph type; every node of it has attributes valid against {@code schema} (JSON Schema). */
public record NodeType(String id, String graphTypeId, String name, String description, JsonNode schema,
        Instant createdAt, Instant updatedAt) {
}
