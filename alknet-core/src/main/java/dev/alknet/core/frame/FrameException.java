package dev.alknet.core.frame;

import java.io.IOException;
import java.util.Objects;

/**
 * A frame that cannot be read or written. Every decoder in this package reports malformed input with this one
 * type, so the session layer can answer any of them with {@code call.error}/{@code PROTOCOL_ERROR} and close the
 * offending session; the stream has no resynchronisation point after a bad frame.
 */
public final class FrameException extends IOException {

    /** What was wrong with the frame. */
    public enum Kind {
        /** The length announced by the header, or the size of an envelope being written, exceeds the limit. */
        OVERSIZE,
        /** The body is not well-formed UTF-8 (overlong forms, surrogates, truncated or stray bytes). */
        BAD_UTF8,
        /** The body is UTF-8 but not exactly one JSON value. */
        BAD_JSON,
        /** The body is JSON but not an {@link EventEnvelope} (wrong top-level type, missing or mistyped field). */
        NOT_AN_ENVELOPE,
        /** The stream ended inside a frame. */
        TRUNCATED
    }

    private final Kind kind;

    public FrameException(Kind kind, String message) {
        this(kind, message, null);
    }

    public FrameException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
