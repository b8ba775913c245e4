package dev.alknet.flowgraph;

import java.util.List;

/** A graph that must stay acyclic would get (or has) a cycle; {@link #path()} walks it. */
public final class CycleException extends IllegalStateException {

    private final List<String> path;

    /** @param path the cycle, first node repeated at the end: {@code [a, b, a]} */
    public CycleException(String what, List<String> path) {
        super(what + ": cycle " + String.join(" → ", path));
        this.path = List.copyOf(path);
    }

    public List<String> path() {
        return path;
    }
}
