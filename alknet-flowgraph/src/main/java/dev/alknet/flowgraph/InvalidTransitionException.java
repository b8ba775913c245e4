package dev.alknet.flowgraph;

/** A call was asked to move between two statuses the status machine does not connect. */
public final class InvalidTransitionException extends IllegalStateException {

    private final String requestId;
    private final CallStatus from;
    private final CallStatus to;

    public InvalidTransitionException(String requestId, CallStatus from, CallStatus to) {
        super("call " + requestId + " cannot move from " + from.displayName() + " to " + to.displayName());
        this.requestId = requestId;
        this.from = from;
        this.to = to;
    }

    public String requestId() {
        return requestId;
    }

    public CallStatus from() {
        return from;
    }

    public CallStatus to() {
        return to;
    }
}
