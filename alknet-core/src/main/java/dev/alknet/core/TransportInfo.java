package dev.alknet.core;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What the transport layer knows about an accepted connection.
 *
 * @param remoteAddress the peer's socket address; {@code null} where the transport has none (in-memory, QUIC
 *     peers identified by key)
 * @param kind the transport kind
 * @param tlsServerName the SNI name the client asked for, {@code null} when not TLS or none was sent
 */
public record TransportInfo(SocketAddress remoteAddress, TransportKind kind, String tlsServerName) {

    public TransportInfo {
        Objects.requireNonNull(kind, "kind");
    }

    public static TransportInfo of(SocketAddress remoteAddress, TransportKind kind) {
        return new TransportInfo(remoteAddress, kind, null);
    }

    public static TransportInfo inMemory() {
        return new TransportInfo(null, TransportKind.IN_MEMORY, null);
    }

    public Optional<String> serverName() {
        return Optional.ofNullable(tlsServerName);
    }

    /** The peer's IP address as text (no port), or {@code unknown}: the form auth log lines use. */
    public String remoteIp() {
        if (remoteAddress instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return "unknown";
    }
}
