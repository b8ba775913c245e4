package dev.alknet.storage;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One domain event of a durable stream (ADR-032: domain events stay inside the node; project them before they
 * leave it).
 *
 * @param position 1, 2, 3... within its stream, without gaps, in commit order
 * @param type e.g. {@code node.created}, {@code edge.deleted}, {@code account.created}
 */
public record StreamEvent(String stream, long position, String type, JsonNode payload, Instant at) {
}
