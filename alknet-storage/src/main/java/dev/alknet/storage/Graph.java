package dev.alknet.storage;

import java.time.Instant;

/**
 * One graph of a {@link GraphType}.
 *
 * @param graphTypeId {@code null} once its type was deleted; such a graph can be read but no longer written
 * @param ownerId the owning account's id, or {@code null}
 * @param projectId a free project reference, or {@code null}
 */
public record Graph(String id, String graphTypeId, String name, String description, GraphStatus status,
        String ownerId, String projectId, Instant createdAt, Instant updatedAt) {
}
