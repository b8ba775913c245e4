package dev.alknet.auth;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts failed authentication attempts on one connection ({@code --max-auth-attempts}). Once the limit is
 * reached further attempts are refused (and still logged) and the caller disconnects. Thread-safe.
 */
public final class AuthAttemptCounter {

    /** The CLI default of {@code --max-auth-attempts}. */
    public static final int DEFAULT_MAX_ATTEMPTS = 10;

    private final int maxAttempts;
    private final AtomicInteger failures = new AtomicInteger();

    /**
     * @param maxAttempts failures allowed before the connection is cut, 0 for unlimited
     */
    public AuthAttemptCounter(int maxAttempts) {
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("max auth attempts must be 0 (unlimited) or more, got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    /** False once the limit is reached: refuse the attempt without checking the credential, and disconnect. */
    public boolean mayAttempt() {
        return !isExhausted();
    }

    /**
     * Records a failed attempt.
     *
     * @return true when the limit is now reached, i.e. the caller should disconnect
     */
    public boolean recordFailure() {
        int count = failures.incrementAndGet();
        return maxAttempts > 0 && count >= maxAttempts;
    }

    public boolean isExhausted() {
        return maxAttempts > 0 && failures.get() >= maxAttempts;
    }

    public int failures() {
        return failures.get();
    }
}
