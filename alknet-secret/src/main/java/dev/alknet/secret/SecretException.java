package dev.alknet.secret;

import java.util.Objects;

/** A secret-service failure. Messages name what was wrong and never contain secret material. */
public final class SecretException extends RuntimeException {
    private final SecretError error;

    public SecretException(SecretError error, String message) {
        super(error + ": " + message);
        this.error = Objects.requireNonNull(error, "error");
    }

    public SecretException(SecretError error, String message, Throwable cause) {
        super(error + ": " + message, cause);
        this.error = Objects.requireNonNull(error, "error");
    }

    public SecretError error() {
        return error;
    }
}
