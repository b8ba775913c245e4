package dev.alknet.callproto;

/**
 * The {@code code} of a {@code call.error}: the vocabulary of the TypeScript {@code @alkdev/operations} stack plus
 * {@link #PROTOCOL_ERROR} for frames and payloads that break the protocol itself.
 */
public enum ErrorCode {
    OPERATION_NOT_FOUND,
    ACCESS_DENIED,
    VALIDATION_ERROR,
    /** The call's timeout or deadline passed. */
    TIMEOUT,
    /** The call was cancelled: by either side, or because its session closed. */
    ABORTED,
    /** The handler failed. */
    EXECUTION_ERROR,
    /** Anything else, including codes this node does not know. */
    UNKNOWN_ERROR,
    PROTOCOL_ERROR;

    /** The enum constant for a wire code; codes added by newer peers read as {@link #UNKNOWN_ERROR}. */
    public static ErrorCode fromWire(String code) {
        for (ErrorCode c : values()) {
            if (c.name().equals(code)) {
                return c;
            }
        }
        return UNKNOWN_ERROR;
    }
}
