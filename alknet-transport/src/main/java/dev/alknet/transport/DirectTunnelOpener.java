package dev.alknet.transport;

import dev.alknet.core.config.OutboundProxy;
import dev.alknet.transport.internal.forward.TcpConnector;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Opens tunnels as plain TCP connections from this process, directly or through an outbound SOCKS5 or HTTP
 * CONNECT proxy: what the server does for a {@code direct-tcpip} target once the policy allowed it.
 *
 * <p>Host names are resolved here (off the event loop), or by the proxy when there is one. A tunnel is returned
 * once the connection, and the proxy handshake if any, succeeded. Failures carry a
 * {@link TunnelOpenException.Reason}: refused → {@code CONNECTION_REFUSED}; unknown host, no route or timeout →
 * {@code UNREACHABLE}; an unreachable proxy → {@code FAILED}.
 *
 * <p>The event loop group must run NIO channels (e.g. {@code MultiThreadIoEventLoopGroup} with
 * {@code NioIoHandler}); the caller owns it.
 */
public final class DirectTunnelOpener implements TunnelOpener {

    /** How long resolving, connecting and the proxy handshake may each take, unless set otherwise. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final EventLoopGroup group;
    private final OutboundProxy proxy;
    private final Duration connectTimeout;
    private final TcpConnector connector;

    private DirectTunnelOpener(EventLoopGroup group, OutboundProxy proxy, Duration connectTimeout) {
        this.group = Objects.requireNonNull(group, "group");
        this.proxy = proxy;
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive, got " + connectTimeout);
        }
        this.connectTimeout = connectTimeout;
        this.connector = new TcpConnector(group, proxy, connectTimeout);
    }

    /** Connects straight to each destination. */
    public static DirectTunnelOpener direct(EventLoopGroup group) {
        return new DirectTunnelOpener(group, null, DEFAULT_CONNECT_TIMEOUT);
    }

    /** Connects to each destination through {@code proxy}, which resolves the names. */
    public static DirectTunnelOpener through(EventLoopGroup group, OutboundProxy proxy) {
        return new DirectTunnelOpener(group, Objects.requireNonNull(proxy, "proxy"), DEFAULT_CONNECT_TIMEOUT);
    }

    /** A copy with another connect timeout. */
    public DirectTunnelOpener withConnectTimeout(Duration timeout) {
        return new DirectTunnelOpener(group, proxy, Objects.requireNonNull(timeout, "timeout"));
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public CompletableFuture<Tunnel> open(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            return CompletableFuture.failedFuture(new TunnelOpenException(TunnelOpenException.Reason.UNREACHABLE,
                    "port " + port + " is out of range (1-65535)"));
        }
        return connector.open(host, port);
    }
}
