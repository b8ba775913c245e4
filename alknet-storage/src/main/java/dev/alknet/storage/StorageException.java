package dev.alknet.storage;

import java.util.Objects;

/** A storage operation that did not happen; nothing of it was written. */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of failure, so callers (and the call protocol) can map it without parsing messages. */
    public enum Kind {
        /** A referenced graph, type, node, account... does not exist. */
        NOT_FOUND,
        /** A unique name or key is already taken. */
        ALREADY_EXISTS,
        /** The input is malformed or breaks a schema or graph rule. */
        INVALID,
        /** The database could not be reached or stayed busy; retrying later may work. */
        UNAVAILABLE
    }

    private final Kind kind;

    public StorageException(Kind kind, String message) {
        this(kind, message, null);
    }

    public StorageException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
