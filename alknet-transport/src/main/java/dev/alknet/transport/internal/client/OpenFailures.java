package dev.alknet.transport.internal.client;

import dev.alknet.transport.TunnelOpenException;
import dev.alknet.transport.TunnelOpenException.Reason;
import java.util.Locale;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;

/**
 * Turns a failed {@code direct-tcpip} open into a {@link TunnelOpenException}. The server's description text
 * may name the destination, so it is only inspected, never passed on.
 */
public final class OpenFailures {

    private OpenFailures() {
    }

    static TunnelOpenException of(Throwable failure, boolean sessionOpen) {
        if (failure instanceof SshChannelOpenException refused) {
            return switch (refused.getReasonCode()) {
                case SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED ->
                        new TunnelOpenException(Reason.PROHIBITED, "the server refused the destination");
                case SshConstants.SSH_OPEN_CONNECT_FAILED -> connectFailed(refused.getMessage());
                default -> new TunnelOpenException(Reason.FAILED,
                        "the server could not open the channel (reason " + refused.getReasonCode() + ")");
            };
        }
        if (!sessionOpen) {
            return notConnected();
        }
        return new TunnelOpenException(Reason.FAILED, "channel open failed: "
                + (failure == null ? "no reason given" : failure.getClass().getSimpleName()));
    }

    public static TunnelOpenException notConnected() {
        return new TunnelOpenException(Reason.NOT_CONNECTED, "not connected to the server (reconnecting)");
    }

    /** OpenSSH sends strerror() text ("Connection refused"), MINA and alknet a similar phrase. */
    private static TunnelOpenException connectFailed(String description) {
        String text = String.valueOf(description).toLowerCase(Locale.ROOT);
        return text.contains("refused")
                ? new TunnelOpenException(Reason.CONNECTION_REFUSED, "the destination refused the connection")
                : new TunnelOpenException(Reason.UNREACHABLE, "the server could not reach the destination");
    }
}
