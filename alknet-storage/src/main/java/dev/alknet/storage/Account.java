package dev.alknet.storage;

import java.time.Instant;

/** A person or program that can own credentials; {@code email} is stored lower-case and is unique. */
public record Account(String id, String email, String displayName, AccessLevel accessLevel, AccountStatus status,
        Grant grant, Instant createdAt, Instant updatedAt) {
}
