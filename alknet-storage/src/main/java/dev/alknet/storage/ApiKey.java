package dev.alknet.storage;

import java.time.Instant;

/**
 * A stored API key. Only the SHA-256 of its secret is kept; the secret itself is shown once, in
 * {@link IssuedApiKey}.
 */
public record ApiKey(String id, String ownerId, String name, boolean enabled, Instant expiresAt, Instant revokedAt,
        Instant createdAt) {

    /** Whether it authenticates its owner at {@code now}. */
    public boolean usableAt(Instant now) {
        return enabled && revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
