package dev.alknet.transport;

import java.io.IOException;
import java.util.Objects;

/**
 * Why a tunnel could not be opened. The message never names the destination: callers log it, and destinations
 * are never logged.
 */
public final class TunnelOpenException extends IOException {

    /** The reasons, mapped by front ends to SOCKS5 reply codes and SSH channel-open failure codes. */
    public enum Reason {
        /** The forwarding policy (or the peer's) refused the destination. */
        PROHIBITED,
        /** The destination refused the connection. */
        CONNECTION_REFUSED,
        /** No route, unknown host name or timeout while connecting. */
        UNREACHABLE,
        /** The tunnel carrier (the SSH session) is down, e.g. while the client reconnects. */
        NOT_CONNECTED,
        /** Anything else; the cause says more. */
        FAILED
    }

    private final Reason reason;

    public TunnelOpenException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public TunnelOpenException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
