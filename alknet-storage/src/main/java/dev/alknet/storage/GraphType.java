package dev.alknet.storage;

import java.time.Instant;

/** A class of graphs (e.g. {@code acl}, {@code call-graph}): its rules and, through its id, its node and edge types. */
public record GraphType(String id, String name, String description, GraphRules rules, int version, TypeScope scope,
        Instant createdAt, Instant updatedAt) {
}
