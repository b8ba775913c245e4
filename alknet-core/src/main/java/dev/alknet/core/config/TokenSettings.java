package dev.alknet.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Signed-timestamp token auth for transports that carry HTTP metadata. Tokens are checked against the same
 * keys as SSH auth.
 *
 * @param enabled whether tokens are accepted at all
 * @param maxAge how far a token's timestamp may be from the server's clock, either way
 */
public record TokenSettings(boolean enabled, Duration maxAge) {

    /** ±300 s, the spec's window. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(300);

    private static final TokenSettings DEFAULTS = new TokenSettings(false, DEFAULT_MAX_AGE);

    /** @throws ConfigException at key {@code max_age_seconds} when the window is not at least one second */
    public TokenSettings {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.getSeconds() < 1) {
            throw new ConfigException("max_age_seconds", "must be at least 1 second");
        }
    }

    /** Disabled until asked for; the window is {@link #DEFAULT_MAX_AGE}. */
    public static TokenSettings defaults() {
        return DEFAULTS;
    }
}
