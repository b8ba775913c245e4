package dev.alknet.callproto;

import java.util.Locale;

/** What kind of operation a path names; the lower-case name is the wire form ({@code "query"}). */
public enum OperationType {
    /** Read-only and idempotent: one input, one output. */
    QUERY,
    /** Has side effects: one input, one output. */
    MUTATION,
    /** Streams items until the handler completes, fails or the caller aborts. */
    SUBSCRIPTION;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
