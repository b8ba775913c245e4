package dev.alknet.transport;

import java.time.Duration;

/**
 * The client's reconnect schedule: 1, 2, 4, 8, 16, 30, 30, … seconds, forever, starting again at 1 s after a
 * successful connection. Not thread-safe; the reconnect loop owns it.
 *
 * <p>No jitter: each {@code alknet connect} process holds a single session, so there is no herd of clients of
 * one process to spread out, and the spec's schedule stays exact and testable.
 */
public final class ReconnectBackoff {

    private static final long FIRST_SECONDS = 1;
    private static final long CAP_SECONDS = 30;

    private long nextSeconds = FIRST_SECONDS;

    /** The delay before the next attempt; each call advances the schedule. */
    public Duration next() {
        long current = nextSeconds;
        nextSeconds = Math.min(current * 2, CAP_SECONDS);
        return Duration.ofSeconds(current);
    }

    /** A connection succeeded: the next failure waits 1 s again. */
    public void reset() {
        nextSeconds = FIRST_SECONDS;
    }
}
