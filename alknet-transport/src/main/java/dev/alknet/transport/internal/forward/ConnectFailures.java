package dev.alknet.transport.internal.forward;

import dev.alknet.transport.TunnelOpenException;
import dev.alknet.transport.TunnelOpenException.Reason;
import io.netty.handler.proxy.ProxyConnectException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Turns connect failures into {@link TunnelOpenException}s. The JDK's and Netty's messages name the destination,
 * so neither the message nor the cause is passed on: only the reason and the failure's type.
 */
final class ConnectFailures {

    private ConnectFailures() {
    }

    static TunnelOpenException direct(Throwable failure) {
        Throwable cause = Tunnels.unwrap(failure);
        if (cause instanceof TunnelOpenException) {
            return (TunnelOpenException) cause;
        }
        if (cause instanceof UnknownHostException) {
            return failure(Reason.UNREACHABLE, "unknown host", cause);
        }
        if (cause instanceof NoRouteToHostException || cause instanceof TimeoutException) {
            return failure(Reason.UNREACHABLE, "no route or timed out", cause);
        }
        if (cause instanceof ConnectException) {
            // Netty reports refusals, timeouts and unreachable networks all as ConnectException subtypes.
            String text = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            return text.contains("refused")
                    ? failure(Reason.CONNECTION_REFUSED, "connection refused", cause)
                    : failure(Reason.UNREACHABLE, "destination unreachable", cause);
        }
        return failure(Reason.FAILED, "connect failed", cause);
    }

    /**
     * A failure while connecting through the outbound proxy. Netty reports the proxy's answer only inside the
     * exception text ({@code status: CONNECTION_REFUSED(5)}, {@code status: 403 Forbidden}), hence the matching.
     */
    static TunnelOpenException proxied(Throwable failure) {
        Throwable cause = Tunnels.unwrap(failure);
        if (cause instanceof TunnelOpenException) {
            return (TunnelOpenException) cause;
        }
        if (!(cause instanceof ProxyConnectException)) {
            return failure(Reason.FAILED, "outbound proxy not reachable", cause);
        }
        String text = String.valueOf(cause.getMessage());
        int status = text.lastIndexOf("status: ");
        String answer = status < 0 ? "" : text.substring(status);
        if (answer.contains("CONNECTION_REFUSED")) {
            return failure(Reason.CONNECTION_REFUSED, "connection refused (via proxy)", cause);
        }
        if (answer.contains("UNREACHABLE") || answer.contains("TTL_EXPIRED")) {
            return failure(Reason.UNREACHABLE, "destination unreachable (via proxy)", cause);
        }
        if (answer.contains("FORBIDDEN") || answer.startsWith("status: 403")) {
            return failure(Reason.PROHIBITED, "outbound proxy refused the destination", cause);
        }
        return failure(Reason.FAILED, "outbound proxy could not connect", cause);
    }

    private static TunnelOpenException failure(Reason reason, String message, Throwable cause) {
        return new TunnelOpenException(reason, message + " (" + cause.getClass().getSimpleName() + ")");
    }
}
