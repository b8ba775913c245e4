package dev.alknet.callproto;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A call that ended in a {@code call.error}, locally or on the other node. Futures of failed calls complete
 * exceptionally with this type; handlers may throw it to choose the code a caller sees (any other exception becomes
 * {@link ErrorCode#EXECUTION_ERROR} with the exception's message).
 *
 * <p>The message travels on the wire: it must not contain secrets. Stack traces never do.
 */
public final class CallException extends RuntimeException {

    private final ErrorCode code;
    private final transient JsonNode details;
    private final boolean retryable;

    public CallException(ErrorCode code, String message) {
        this(code, message, null, false);
    }

    /**
     * @param details extra JSON for the caller (e.g. the failing JSON pointers of a validation error), or null
     * @param retryable whether the same call may succeed when repeated
     */
    public CallException(ErrorCode code, String message, JsonNode details, boolean retryable) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.details = details;
        this.retryable = retryable;
    }

    public ErrorCode code() {
        return code;
    }

    /** Extra JSON sent as {@code details}, or null. */
    public JsonNode details() {
        return details;
    }

    public boolean retryable() {
        return retryable;
    }

    @Override
    public String toString() {
        return "CallException[" + code + "]: " + getMessage();
    }
}
