package dev.alknet.transport.internal.client;

import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.OutboundProxy;
import dev.alknet.transport.RekeyLimit;
import dev.alknet.transport.RemoteForward;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What every SSH session of one client needs: where to connect, as whom, and which remote forwards to register.
 *
 * @param proxy the SOCKS5 or HTTP CONNECT proxy the connection goes through, {@code null} for none
 * @param timeout the limit for connecting and for authenticating, each
 */
public record ClientSettings(HostPort server, OutboundProxy proxy, String user, KeyPair identity,
        List<RemoteForward> remoteForwards, Duration timeout, RekeyLimit rekeyLimit) {

    public ClientSettings {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(identity, "identity");
        remoteForwards = List.copyOf(remoteForwards);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(rekeyLimit, "rekeyLimit");
    }
}
