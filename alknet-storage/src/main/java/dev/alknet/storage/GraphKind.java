package dev.alknet.storage;

import java.util.Locale;

/** Whether a graph type's edges have a direction. */
public enum GraphKind {
    /** Every edge goes from its source to its target. */
    DIRECTED,
    /** No edge has a direction; {@code a-b} and {@code b-a} are the same pair. */
    UNDIRECTED,
    /** Each edge says whether it is undirected. */
    MIXED;

    /** The name in the stored {@code config} JSON: {@code directed}, {@code undirected}, {@code mixed}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
