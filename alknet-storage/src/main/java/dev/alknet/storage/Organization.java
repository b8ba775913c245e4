package dev.alknet.storage;

import java.time.Instant;

/** A group of accounts; its grant applies to every member. {@code name} and {@code slug} are unique. */
public record Organization(String id, String name, String slug, String ownerId, Grant grant, Instant createdAt,
        Instant updatedAt) {
}
