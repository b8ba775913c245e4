package dev.alknet.storage;

import java.time.Instant;

/**
 * A stored API key. Only the SHA-256 of its secret is kept; the secret itself is shown once, in
 * {@link IssuedApiKey}.
 *
 * @param rotatedToId the key that replaced this one ({@link Identities#rotateApiKey}), or {@code null}
 * @param lastUsedAt when it last authenticated its owner, to about a minute (writes are batched and throttled), or
 *     {@code null} when never
 */
public record ApiKey(String id, String ownerId, String name, boolean enabled, Instant expiresAt, Instant revokedAt,
        Instant createdAt, String rotatedToId, Instant lastUsedAt) {

    /** Whether it authenticates its owner at {@code now}. */
    public boolean usableAt(Instant now) {
        return enabled && revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
