package dev.alknet.auth;

import java.time.Instant;
import java.util.Objects;

/** The outcome of verifying a signed-timestamp token. */
public sealed interface TokenResult {

    default boolean isValid() {
        return this instanceof Valid;
    }

    /**
     * @param key the key that signed the token; resolve the identity from its fingerprint
     * @param issuedAt the token's timestamp
     */
    record Valid(OpenSshPublicKey key, Instant issuedAt) implements TokenResult {

        public Valid {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(issuedAt, "issuedAt");
        }
    }

    record Invalid(TokenFailure reason) implements TokenResult {

        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
