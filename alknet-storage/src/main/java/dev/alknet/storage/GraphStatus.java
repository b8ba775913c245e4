package dev.alknet.storage;

import java.util.Locale;

/**
 * The life cycle of a graph. New graphs are drafts; nodes and edges can be written in drafts and active graphs,
 * never in archived ones (archive is read-only until set back to active).
 */
public enum GraphStatus {
    DRAFT, ACTIVE, ARCHIVED;

    /** The stored form: {@code draft}, {@code active}, {@code archived}. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
