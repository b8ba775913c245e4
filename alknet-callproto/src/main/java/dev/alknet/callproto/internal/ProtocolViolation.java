package dev.alknet.callproto.internal;

/** A well-framed envelope whose content breaks the call protocol; answered with {@code PROTOCOL_ERROR}. */
public final class ProtocolViolation extends Exception {

    private final String requestId;

    /**
     * @param requestId the request the violation belongs to, or null when none could be read
     */
    public ProtocolViolation(String requestId, String message) {
        super(message, null, false, false);
        this.requestId = requestId;
    }

    /** The request id, or null. */
    public String requestId() {
        return requestId;
    }
}
