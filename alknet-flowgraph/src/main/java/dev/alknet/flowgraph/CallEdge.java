package dev.alknet.flowgraph;

import java.util.Objects;

/** An edge of the call graph; it always points downstream, from the upstream call to the one it feeds. */
public record CallEdge(String source, String target, CallEdgeType type) {

    public CallEdge {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(type, "type");
    }
}
