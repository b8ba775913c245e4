package dev.alknet.flowgraph;

/** What aborting a call does to the calls downstream of it. */
public enum AbortPolicy {
    /** Every pending or running descendant is aborted too (the default). */
    ABORT_DEPENDENTS,
    /** Only the call itself is aborted; what it triggered keeps running (detached work). */
    CONTINUE_RUNNING;

    public String wireName() {
        return this == ABORT_DEPENDENTS ? "abort_dependents" : "continue_running";
    }
}
