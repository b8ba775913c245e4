package dev.alknet.storage;

import java.time.Instant;

/**
 * A stored SSH public key of an account.
 *
 * @param fingerprint OpenSSH SHA-256 fingerprint ({@code SHA256:...}), unique
 * @param publicKey the key as one OpenSSH line ({@code ssh-ed25519 AAAA... comment})
 * @param expiresAt when it stops authenticating, or {@code null} for never
 * @param revokedAt when it was revoked, or {@code null}
 */
public record PeerCredential(String id, String ownerId, CredentialType type, String fingerprint, String publicKey,
        String name, boolean enabled, Instant expiresAt, Instant revokedAt, Instant createdAt) {

    /** Whether it authenticates its owner at {@code now} (a CA never does by itself). */
    public boolean usableAt(Instant now) {
        return type == CredentialType.SSH_KEY && enabled && revokedAt == null
                && (expiresAt == null || now.isBefore(expiresAt));
    }
}
