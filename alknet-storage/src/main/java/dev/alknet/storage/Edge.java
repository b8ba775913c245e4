package dev.alknet.storage;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * An edge between two nodes of one graph, named by their keys.
 *
 * @param key unique in the graph when present; {@code null} for an anonymous edge
 * @param undirected always {@code true} in undirected graphs and {@code false} in directed ones
 */
public record Edge(String id, String graphId, String key, String type, String sourceKey, String targetKey,
        JsonNode attributes, boolean undirected, Instant createdAt, Instant updatedAt) {
}
