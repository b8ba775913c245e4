package dev.alknet.flowgraph;

import java.time.Duration;
import java.util.List;

/**
 * The chain of completed calls, each downstream of the one before, with the greatest total duration.
 *
 * @param calls upstream first; empty when no call has completed
 */
public record CriticalPath(List<CallNode> calls, Duration total) {

    public CriticalPath {
        calls = List.copyOf(calls);
    }
}
