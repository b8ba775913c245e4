package dev.alknet.flowgraph;

import java.util.Objects;

/**
 * The output of {@code source} can (or, when not {@code compatible}, almost can) feed the input of {@code target}.
 *
 * @param detail why the pair is incompatible; null for compatible edges
 */
public record OperationEdge(String source, String target, boolean compatible, String detail) {

    /** The only edge type of the operation graph (alknet-spec §2.12). */
    public static final String EDGE_TYPE = "typed";

    public OperationEdge {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }
}
