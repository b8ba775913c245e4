package dev.alknet.flowgraph;

import java.time.Duration;
import java.util.Objects;

/**
 * How long finished call trees stay in a {@link CallGraph}. A tree is a connected set of calls (edges of both types,
 * ignoring direction); it is finished when every call in it has ended, at the time the last one ended.
 *
 * @param maxAge finished trees older than this are evicted
 * @param maxFinishedTrees beyond this many finished trees, the oldest are evicted
 */
public record Retention(Duration maxAge, int maxFinishedTrees) {

    /** Fifteen minutes, 10,000 finished trees. */
    public static final Retention DEFAULT = new Retention(Duration.ofMinutes(15), 10_000);

    public Retention {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative, got " + maxAge);
        }
        if (maxFinishedTrees < 0) {
            throw new IllegalArgumentException("maxFinishedTrees must not be negative, got " + maxFinishedTrees);
        }
    }
}
