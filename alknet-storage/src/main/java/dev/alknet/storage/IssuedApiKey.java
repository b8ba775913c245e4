package dev.alknet.storage;

import java.util.Objects;

/**
 * A new API key with its secret, which storage does not keep: hand it to the user now, it cannot be shown again.
 * {@link #toString()} never shows the secret.
 */
public final class IssuedApiKey {

    private final ApiKey key;
    private final String secret;

    public IssuedApiKey(ApiKey key, String secret) {
        this.key = Objects.requireNonNull(key, "key");
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    public ApiKey key() {
        return key;
    }

    /** The bearer secret ({@code alk_} + 43 base64url characters); handle it like a password. */
    public String secret() {
        return secret;
    }

    @Override
    public String toString() {
        return "IssuedApiKey[" + key.id() + ", secret=redacted]";
    }
}
