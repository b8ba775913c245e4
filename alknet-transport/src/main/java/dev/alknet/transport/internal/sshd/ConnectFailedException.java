package dev.alknet.transport.internal.sshd;

import dev.alknet.transport.TunnelOpenException;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Why an outbound connection failed, with a message that never names the destination: MINA logs connect failures
 * and sends their message to the SSH client as the channel-open failure text. Being a {@link ConnectException},
 * MINA answers a failed {@code direct-tcpip} open with {@code SSH_OPEN_CONNECT_FAILED}.
 */
public final class ConnectFailedException extends ConnectException {

    private final TunnelOpenException.Reason reason;

    ConnectFailedException(TunnelOpenException.Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public TunnelOpenException.Reason reason() {
        return reason;
    }

    /** Classifies Netty's connect failure; anything that is not about reaching the peer is returned unchanged. */
    static Throwable classify(Throwable failure) {
        if (failure instanceof ConnectTimeoutException) {
            return new ConnectFailedException(TunnelOpenException.Reason.UNREACHABLE, "connection timed out");
        }
        if (failure instanceof NoRouteToHostException || failure instanceof UnknownHostException
                || isUnreachable(failure)) {
            return new ConnectFailedException(TunnelOpenException.Reason.UNREACHABLE, "destination unreachable");
        }
        if (failure instanceof ConnectException) {
            return new ConnectFailedException(TunnelOpenException.Reason.CONNECTION_REFUSED, "connection refused");
        }
        return failure;
    }

    private static boolean isUnreachable(Throwable failure) {
        return failure instanceof SocketException && failure.getMessage() != null
                && failure.getMessage().toLowerCase(Locale.ROOT).contains("unreachable");
    }
}
