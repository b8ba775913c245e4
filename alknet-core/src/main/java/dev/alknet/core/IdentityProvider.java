package dev.alknet.core;

import java.util.Optional;

/**
 * Resolves authenticated credentials to an {@link Identity}. The provider owns scopes: forwarding policy and
 * access control only consume what it returns.
 *
 * <p>Implementations must be thread-safe and should be cheap (they run on every authentication); an empty
 * result means unknown, revoked, expired or not authorised. Both built-in providers (config and storage) are
 * required to return equal identities for equal input.
 */
public interface IdentityProvider {

    /**
     * @param fingerprint an OpenSSH SHA-256 fingerprint, {@code SHA256:} + unpadded base64 of the SHA-256 of the
     *     SSH wire encoding of the public key, of a key whose possession the caller has already verified
     */
    Optional<Identity> resolveFromFingerprint(String fingerprint);

    /**
     * Verifies {@code token} (signature and time window) and resolves its key to an identity.
     */
    Optional<Identity> resolveFromToken(AuthToken token);

    /** A provider that knows nobody; useful for servers that only serve unrestricted operations. */
    static IdentityProvider none() {
        return new IdentityProvider() {
            @Override
            public Optional<Identity> resolveFromFingerprint(String fingerprint) {
                return Optional.empty();
            }

            @Override
            public Optional<Identity> resolveFromToken(AuthToken token) {
                return Optional.empty();
            }
        };
    }
}
